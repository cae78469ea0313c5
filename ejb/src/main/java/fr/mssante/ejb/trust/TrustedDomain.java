package fr.mssante.ejb.trust;

import javax.security.auth.x500.X500Principal;

/**
 * A domain of the MSSanté trust space as the current whitelist declares it: mail may be exchanged with
 * it, over TLS with the operator whose certificate subject is {@code operatorCertificateDn}.
 *
 * @param domain                 lower-case domain name (A-label)
 * @param operatorCertificateDn  the {@code DNCertificatOperateur} of the whitelist entry, as published
 * @param description            the entry's {@code Description}, may be blank
 */
public record TrustedDomain(String domain, String operatorCertificateDn, String description) {

    /**
     * Whether {@code subject} is the operator certificate this entry declares. Distinguished names are
     * compared in the canonical form of RFC 2253 section 2 as {@link X500Principal#equals} defines it
     * (attribute types and values case- and space-insensitive, same RDN order), never as strings: the
     * whitelist writes {@code CN=a,OU=b} where a certificate may print {@code CN=a, OU=b}. A declared DN
     * that does not parse matches nothing.
     */
    public boolean declares(X500Principal subject) {
        try {
            return new X500Principal(operatorCertificateDn).equals(subject);
        } catch (IllegalArgumentException unparseable) {
            return false;
        }
    }
}
