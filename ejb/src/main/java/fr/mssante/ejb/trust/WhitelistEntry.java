package fr.mssante.ejb.trust;

/**
 * One {@code Domaine} of the national whitelist, as published. Only the domain and the operator's
 * certificate DN are needed for the trust decisions; the rest is shown to administrators.
 *
 * @param domain              {@code Nom}, lower-cased and checked as a domain name
 * @param operatorDn          {@code DNCertificatOperateur}, as published (compared as an X.500 name, never as text)
 * @param description         {@code Description}, null when absent
 * @param responsibleContact  {@code ResponsableContact}, null when absent
 * @param supportContact      {@code SupportContact}, null when absent
 * @param updated             {@code DateMAJ} as published (its format is not specified), null when absent
 */
public record WhitelistEntry(String domain, String operatorDn, String description, String responsibleContact,
                             String supportContact, String updated) {

    /** The view the trust decisions use. */
    public TrustedDomain trusted() {
        return new TrustedDomain(domain, operatorDn, description == null ? "" : description);
    }
}
