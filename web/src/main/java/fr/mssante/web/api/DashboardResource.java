package fr.mssante.web.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import fr.mssante.ejb.dashboard.Dashboard;
import fr.mssante.ejb.dashboard.DashboardService;
import fr.mssante.web.security.Roles;
import fr.mssante.web.security.TenantGuard;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The administration home page's figures, for the caller's establishment (all of them for the operator). */
@RequestScoped
@RolesAllowed({Roles.OPERATOR_ADMIN, Roles.TENANT_ADMIN})
@Path("api/v1/dashboard")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dashboard", description = "Figures of the caller's establishment (all, for operators)")
public class DashboardResource {

    @EJB
    private DashboardService dashboards;

    @Inject
    private TenantGuard guard;

    @Operation(summary = "Mailboxes by type and status, messages per day, queue, authentication failures")
    @GET
    public Dashboard dashboard() {
        return dashboards.dashboard(guard.scope());
    }
}
