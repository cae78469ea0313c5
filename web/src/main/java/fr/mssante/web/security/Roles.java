package fr.mssante.web.security;

/** Realm roles of the {@code mssante} Keycloak realm, as the bearer token carries them. */
public final class Roles {

    /** The operator's staff: every establishment. */
    public static final String OPERATOR_ADMIN = "operator-admin";
    /** An establishment's administrator: only the tenant whose FINESS their token names. */
    public static final String TENANT_ADMIN = "tenant-admin";
    /** A health professional logged in through Pro Santé Connect: their own and delegated mailboxes. */
    public static final String PRACTITIONER = "practitioner";

    private Roles() {
    }
}
