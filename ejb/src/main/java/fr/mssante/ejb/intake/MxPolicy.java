package fr.mssante.ejb.intake;

import fr.mssante.connector.api.Settings;
import java.util.Locale;

/**
 * What the MX does with a reverse-path in a domain hosted here ({@link MxSenderPolicy}), from
 * {@code mssante.mx.policy} (system property) or {@code MSSANTE_MX_POLICY} (environment).
 *
 * <p>An unknown value fails the deployment rather than falling back: a typo must not silently turn the
 * anti-spoofing rule off (nor silently on during a migration that relies on {@code log-only}).
 */
public enum MxPolicy {
    /** Refuse at MAIL FROM with 550 5.7.1, audit and log. The default. */
    ENFORCE("enforce"),
    /** Accept, but audit and log: for the weeks when establishments move their senders to submission. */
    LOG_ONLY("log-only");

    static final String PROPERTY = "mssante.mx.policy";
    static final String ENVIRONMENT = "MSSANTE_MX_POLICY";

    private final String value;

    MxPolicy(String value) {
        this.value = value;
    }

    public static MxPolicy fromSystemProperties() {
        String configured = Settings.configured(PROPERTY, ENVIRONMENT);
        return configured == null || configured.isBlank() ? ENFORCE : parse(configured);
    }

    /** @throws IllegalStateException naming the setting and the accepted values */
    static MxPolicy parse(String configured) {
        String wanted = configured.strip().toLowerCase(Locale.ROOT);
        for (MxPolicy policy : values()) {
            if (policy.value.equals(wanted)) {
                return policy;
            }
        }
        throw new IllegalStateException(PROPERTY + " (or " + ENVIRONMENT + ") must be 'enforce' or 'log-only', not '"
                + configured + "'");
    }

    /** As written in the setting, audit events and logs. */
    public String value() {
        return value;
    }
}
