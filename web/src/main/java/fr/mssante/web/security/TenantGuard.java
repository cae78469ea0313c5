package fr.mssante.web.security;

import fr.mssante.ejb.tenant.CanonicalAddress;
import fr.mssante.ejb.tenant.CanonicalDomain;
import fr.mssante.ejb.tenant.TenantService;
import fr.mssante.web.api.ProblemException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.util.Optional;
import java.util.UUID;

/**
 * Keeps an establishment's administrator inside their establishment: operator administrators see every
 * tenant, a tenant administrator only the one whose FINESS their token names.
 *
 * <p>Decisions take canonical values only ({@link CanonicalAddress}, {@link CanonicalDomain}), parsed
 * once at the API edge, and ownership always comes from {@link TenantService#ownerOf}. What belongs to
 * another establishment is answered exactly like what does not exist (RFC 9110 section 15.5.5 allows a
 * 404 for a resource the server will not disclose), so the API is no oracle of other tenants' addresses.
 */
@RequestScoped
public class TenantGuard {

    @Inject
    private Caller caller;

    @EJB
    private TenantService tenants;

    /**
     * Lets the request on to a mailbox of this address, or answers the same 404 the service gives for a
     * missing mailbox.
     */
    public void requireMailbox(CanonicalAddress address) {
        if (!mayAct(tenants.ownerOf(address.domain()))) {
            throw new ProblemException(Response.Status.NOT_FOUND, "no mailbox " + address.value());
        }
    }

    /**
     * Lets the request create something in this domain: it must be hosted for the caller's
     * establishment. The refusal is the same whether the domain is another establishment's or not
     * hosted at all.
     */
    public void requireDomainForCreation(CanonicalDomain domain, String field) {
        Optional<UUID> owner = tenants.ownerOf(domain);
        if (owner.isEmpty() || !mayAct(owner)) {
            throw ProblemException.invalidField(field, caller.hasRole(Roles.OPERATOR_ADMIN)
                    ? "domain " + domain + " is not hosted here"
                    : "domain " + domain + " is not hosted for your establishment");
        }
    }

    /**
     * Lets the request on to this establishment: any for an operator administrator, their own for a
     * tenant administrator; another establishment is the same 404 as a missing one.
     */
    public void requireEstablishment(String finess) {
        if (!caller.hasRole(Roles.OPERATOR_ADMIN) && (caller.finess() == null || !caller.finess().equals(finess))) {
            throw new ProblemException(Response.Status.NOT_FOUND, "no establishment " + finess);
        }
    }

    /**
     * The establishment a listing is confined to: the tenant administrator's own, or {@code requested}
     * (null for all) for an operator administrator.
     */
    public String establishmentScope(String requested) {
        if (caller.hasRole(Roles.OPERATOR_ADMIN)) {
            return requested;
        }
        if (caller.finess() == null) {
            // A tenant administrator without an establishment sees nothing rather than everything.
            throw new ProblemException(Response.Status.FORBIDDEN, "your account names no establishment (claim finess)");
        }
        return caller.finess();
    }

    private boolean mayAct(Optional<UUID> owner) {
        if (caller.hasRole(Roles.OPERATOR_ADMIN)) {
            return true;
        }
        if (owner.isEmpty() || !caller.hasRole(Roles.TENANT_ADMIN) || caller.finess() == null) {
            return false;
        }
        return tenants.finessOf(owner.get()).filter(caller.finess()::equals).isPresent();
    }
}
