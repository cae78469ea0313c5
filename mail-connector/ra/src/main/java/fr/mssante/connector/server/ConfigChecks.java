package fr.mssante.connector.server;

import java.time.Duration;

/** Validation of listener settings, shared by the configuration records of the services. */
public final class ConfigChecks {

    private ConfigChecks() {
    }

    /**
     * Checks the numeric settings every listener has ({@link ListenerConfigBuilder}), except the
     * command line length whose minimum depends on the protocol.
     */
    public static void requireListenerLimits(int port, int maxConnections, int maxConnectionsPerIp,
            long maxMessageSize, long spoolThreshold, int maxConsecutiveErrors, Duration idleTimeout) {
        requireRange("port", port, 0, 65535);
        requireRange("maxConnections", maxConnections, 1, Integer.MAX_VALUE);
        requireRange("maxConnectionsPerIp", maxConnectionsPerIp, 1, Integer.MAX_VALUE);
        requireRange("maxMessageSize", maxMessageSize, 1, Long.MAX_VALUE);
        requireRange("spoolThreshold", spoolThreshold, 0, Integer.MAX_VALUE);
        requireRange("maxConsecutiveErrors", maxConsecutiveErrors, 1, Integer.MAX_VALUE);
        requirePositive("idleTimeout", idleTimeout);
    }

    /** Rejects a value outside [min, max], naming the setting. */
    public static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ": " + value);
        }
    }

    /** Rejects a zero or negative duration, naming the setting. */
    public static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
