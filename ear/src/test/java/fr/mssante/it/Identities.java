package fr.mssante.it;

/** The demo accounts of the realm files in docker/keycloak and of the demo data, as the tests use them. */
final class Identities {

    static final String OPERATOR = "operator";
    static final String OPERATOR_PASSWORD = "Demo-Operator-2026";
    /** Tenant administrator of FINESS 750000001 (hopital-demo.mssante.fr). */
    static final String ADMIN_DEMO = "admin.demo";
    /** Tenant administrator of FINESS 750000002 (clinique-autre.mssante.fr). */
    static final String ADMIN_OTHER = "admin.autre";
    static final String ADMIN_PASSWORD = "Demo-Admin-2026";
    /** Dr Jean Martin: owns dr.martin@, delegated secretariat.cardio@. */
    static final String DR_MARTIN_ID = "810001234567";
    /** Given to the brokered professional by the tests only, to get tokens without a browser. */
    static final String PRACTITIONER_TEST_PASSWORD = "It-Practitioner-2026";

    static final String DOMAIN = "hopital-demo.mssante.fr";
    static final String OTHER_DOMAIN = "clinique-autre.mssante.fr";
    static final String DR_MARTIN = "dr.martin@" + DOMAIN;
    static final String SECRETARIAT = "secretariat.cardio@" + DOMAIN;
    static final String APP_MAILBOX = "dpi@" + DOMAIN;
    static final String OTHER_TENANT_MAILBOX = "accueil@" + OTHER_DOMAIN;
    /** The demo app password of dr.martin@ (and of the peer operator's dr.durand@), dev mode only. */
    static final String DEMO_APP_PASSWORD = "Demo-Mssante-2026";

    private Identities() {
    }
}
