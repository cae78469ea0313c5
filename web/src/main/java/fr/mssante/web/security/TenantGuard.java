package fr.mssante.web.security;

import fr.mssante.ejb.tenant.TenantLookups;
import fr.mssante.web.api.ProblemException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.util.Optional;
import java.util.UUID;

/**
 * Keeps an establishment's administrator inside their establishment: operator administrators see every
 * tenant, a tenant administrator only the one whose FINESS their token names. Row-level security hides
 * other establishments' rows anyway (ADR 0011); this check comes first so that the answer is an
 * explanatory 403 rather than a 404, and finds the owner through the narrow look-ups that work whatever
 * the scope. Unknown mailboxes and domains pass: the service answers for them.
 */
@RequestScoped
public class TenantGuard {

    @Inject
    private Caller caller;

    @Inject
    private CallerScope callerScope;

    @EJB
    private TenantLookups lookups;

    public void requireAccessToMailbox(String address) {
        lookups.tenantOfMailbox(address).ifPresent(this::requireAccess);
    }

    public void requireAccessToDomain(String domain) {
        lookups.tenantOfDomain(domain).ifPresent(this::requireAccess);
    }

    private void requireAccess(UUID tenantId) {
        if (caller.hasRole(Roles.OPERATOR_ADMIN)) {
            return;
        }
        if (!callerScope.administeredTenant().equals(Optional.of(tenantId))) {
            throw new ProblemException(Response.Status.FORBIDDEN,
                    "this mailbox belongs to another establishment than yours (FINESS " + caller.finess() + ")");
        }
    }
}
