package fr.mssante.web.security;

import fr.mssante.ejb.tenant.TenantLookups;
import fr.mssante.ejb.tenant.TenantScope;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * The tenant scope an API call runs in, from the verified token only, never from the request's path or
 * body (ADR 0011): an operator administrator works for every establishment, a tenant administrator for
 * the one their token's FINESS names. A practitioner's mailboxes may lie in several establishments, so
 * their calls start with no scope and each operation on one of their mailboxes runs in that mailbox's
 * tenant once the grant is checked ({@code MeResource}).
 */
@RequestScoped
public class CallerScope {

    @Inject
    private Caller caller;

    @EJB
    private TenantLookups lookups;

    /** Empty: no scope, the database shows no tenant row. */
    public Optional<TenantScope> scope() {
        if (!caller.authenticated()) {
            return Optional.empty();
        }
        if (caller.hasRole(Roles.OPERATOR_ADMIN)) {
            return Optional.of(TenantScope.operator());
        }
        if (caller.hasRole(Roles.TENANT_ADMIN)) {
            return lookups.tenantOfFiness(caller.finess()).map(TenantScope::tenant);
        }
        return Optional.empty();
    }
}
