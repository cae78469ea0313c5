package fr.mssante.ejb.dsn;

import fr.mssante.connector.api.Settings;
/**
 * Limits of the reports, from {@code mssante.dsn.max-returned-bytes} (system property) or
 * {@code MSSANTE_DSN_MAX_RETURNED_BYTES} (environment).
 *
 * @param maxReturnedBytes the largest original message a RET=FULL report returns whole; a larger one is
 *                         returned as its header only (the report must stay small enough to be delivered
 *                         back, through peers whose SIZE limit we do not know). Default 10 MiB.
 */
record DsnSettings(int maxReturnedBytes) {

    static final String PROPERTY = "mssante.dsn.max-returned-bytes";
    static final String ENVIRONMENT = "MSSANTE_DSN_MAX_RETURNED_BYTES";
    static final int DEFAULT_MAX_RETURNED_BYTES = 10 * 1024 * 1024;

    static DsnSettings fromSystemProperties() {
        return parse(Settings.configured(PROPERTY, ENVIRONMENT));
    }

    /** @throws IllegalStateException naming the setting when the value is not a positive number of bytes */
    static DsnSettings parse(String configured) {
        if (configured == null || configured.isBlank()) {
            return new DsnSettings(DEFAULT_MAX_RETURNED_BYTES);
        }
        try {
            int bytes = Integer.parseInt(configured.strip());
            if (bytes > 0 && bytes < Integer.MAX_VALUE) { // one more byte is read to tell "larger"
                return new DsnSettings(bytes);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException(PROPERTY + " (or " + ENVIRONMENT + ") must be a positive number of bytes"
                + " below 2 GiB, not '" + configured + "'");
    }
}
