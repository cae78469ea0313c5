package fr.mssante.ejb.trust;

import jakarta.ejb.Local;

import javax.security.auth.x500.X500Principal;
import java.util.List;
import java.util.Optional;

/**
 * The MSSanté trust space as this node currently knows it: the last good version of the national
 * whitelist. Domains hosted here are trusted implicitly and are not answered by this view: callers check
 * hosting first ({@code TenantLookups.tenantOfDomain}).
 */
@Local
public interface TrustSpace {

    /** The whitelist entry of {@code domain} (lower-case A-label), empty when it is not on the list. */
    Optional<TrustedDomain> lookup(String domain);

    /** Every entry whose declared operator certificate is {@code subject}: the domains that operator serves. */
    List<TrustedDomain> domainsOf(X500Principal subject);

    /**
     * Whether a whitelist version is in use at all. Before the first good download of a new installation the
     * view is empty for want of a list, not because the list excludes anyone: a "not in the trust space"
     * verdict then must be temporary (4xx), or a node that just started would permanently bounce the
     * legitimate mail of every other operator.
     */
    boolean known();
}
