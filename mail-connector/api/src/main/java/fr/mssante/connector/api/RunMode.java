package fr.mssante.connector.api;

import java.util.Locale;

/**
 * How the platform runs, from {@code mssante.mode} (system property) or {@code MSSANTE_MODE} (environment):
 * {@link #PRODUCTION} unless told otherwise, so that an installation that forgot a setting refuses to
 * start rather than running on development defaults (docs/adr/0022). {@code ./mssante run} and the
 * integration tests set {@link #DEVELOPMENT}.
 *
 * <p>Here, in the connector's API, because both the resource adapter (TLS on the mail ports) and the
 * application (every other setting) check it, and the adapter sees nothing of the application.
 */
public enum RunMode {
    /** Unsafe settings (development passwords, TLS off, demo data...) refuse the start. The default. */
    PRODUCTION("production"),
    /** Today's development defaults are accepted, with warnings. */
    DEVELOPMENT("development");

    public static final String PROPERTY = "mssante.mode";
    public static final String ENVIRONMENT = "MSSANTE_MODE";

    private final String value;

    RunMode(String value) {
        this.value = value;
    }

    /** The mode of this JVM: the system property, else the environment variable, else production. */
    public static RunMode current() {
        return parse(Settings.configured(PROPERTY, ENVIRONMENT));
    }

    /**
     * @param configured the setting's value; null or blank means {@link #PRODUCTION}
     * @throws IllegalStateException naming the setting and the accepted values: a typo must not quietly
     *                               pick a mode
     */
    public static RunMode parse(String configured) {
        if (configured == null || configured.isBlank()) {
            return PRODUCTION;
        }
        String wanted = configured.strip().toLowerCase(Locale.ROOT);
        for (RunMode mode : values()) {
            if (mode.value.equals(wanted)) {
                return mode;
            }
        }
        throw new IllegalStateException(PROPERTY + " (or " + ENVIRONMENT + ") must be 'production' or 'development', not '"
                + configured + "'");
    }

    /** As written in the setting. */
    public String value() {
        return value;
    }
}
