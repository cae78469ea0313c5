package fr.mssante.web.security;

import fr.mssante.ejb.tenant.TenantService;
import fr.mssante.web.api.ProblemException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

/**
 * Keeps an establishment's administrator inside their establishment: operator administrators see every
 * tenant, a tenant administrator only the one whose FINESS their token names.
 */
@RequestScoped
public class TenantGuard {

    @Inject
    private Caller caller;

    @EJB
    private TenantService tenants;

    public void requireAccess(UUID tenantId) {
        if (caller.hasRole(Roles.OPERATOR_ADMIN)) {
            return;
        }
        String finess = tenants.finessOf(tenantId).orElse(null);
        if (!caller.hasRole(Roles.TENANT_ADMIN) || finess == null || !finess.equals(caller.finess())) {
            throw new ProblemException(Response.Status.FORBIDDEN,
                    "this mailbox belongs to another establishment than yours (FINESS " + caller.finess() + ")");
        }
    }
}
