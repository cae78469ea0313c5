package fr.mssante.connector.api;

import java.util.Locale;

/**
 * Where every setting of the platform is read: the system property {@code mssante.x.y}, else the environment
 * variable {@code MSSANTE_X_Y} (dots and dashes become underscores). A blank value counts as not set, so an
 * empty variable in a compose file falls back to the default instead of being a value. The one lookup for
 * the application and the resource adapter alike; each setting's parsing and validation stays with its user.
 */
public final class Settings {

    private Settings() {
    }

    /** @return the stripped value, or null when neither the property nor its environment variable is set */
    public static String configured(String property) {
        return configured(property, environmentName(property));
    }

    /** For the few settings whose environment variable is not derived from the property's name. */
    public static String configured(String property, String environment) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(environment);
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** {@code mssante.relay.peer-trust} → {@code MSSANTE_RELAY_PEER_TRUST}. */
    public static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
