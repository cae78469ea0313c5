package fr.mssante.web.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import fr.mssante.ejb.identity.AppPasswordService;
import fr.mssante.ejb.identity.AppPasswordView;
import fr.mssante.web.security.Caller;
import fr.mssante.web.security.Roles;
import fr.mssante.web.security.TenantGuard;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.UUID;

/**
 * The app passwords of a mailbox as its establishment's administrators see them: who created each,
 * when it was last used, and a way to revoke a lost device's. Never the secret nor its hash; creation
 * stays self-service ({@code /api/v1/me}), where the professional sees the secret once.
 */
@RequestScoped
@RolesAllowed({Roles.OPERATOR_ADMIN, Roles.TENANT_ADMIN})
@Path("api/v1/mailboxes/{address}/app-passwords")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "app passwords", description = "App passwords of an establishment's mailboxes (never their secret)")
public class MailboxAppPasswordResource {

    @EJB
    private AppPasswordService appPasswords;

    @Inject
    private TenantGuard guard;

    @Inject
    private Caller caller;

    @Operation(summary = "List the app passwords of a mailbox")
    @GET
    public List<AppPasswordView> list(@PathParam("address") String address) {
        return appPasswords.list(MailboxPaths.owned(address, guard).value());
    }

    @Operation(summary = "Revoke an app password")
    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("address") String address, @PathParam("id") UUID id) {
        appPasswords.revoke(MailboxPaths.owned(address, guard).value(), id, caller.actor());
        return Response.noContent().build();
    }
}
