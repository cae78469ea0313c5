package fr.mssante.ejb.relay;

import fr.mssante.connector.api.Settings;
import fr.mssante.ejb.config.Durations;
import fr.mssante.ejb.relay.route.TransportMap;
import fr.mssante.ejb.relay.smtp.SmtpTimeouts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The relay's configuration (ADR 0018), each setting a system property {@code mssante.relay.x} with the
 * environment variable {@code MSSANTE_RELAY_X} as fallback. An invalid value fails the deployment naming
 * the setting. Absent key files are not an error here: the platform runs without relay until an operator
 * certificate is configured, and each attempt meanwhile is a temporary failure that says so.
 *
 * @param certificate   our operator certificate (PEM, with its chain), null when none is configured
 * @param privateKey    its key (PEM), null when none is configured
 * @param peerTrust     the CAs peers' certificates must chain to (PEM bundle), null when none is configured
 * @param heloName      the name we give in EHLO ({@code mssante.hostname})
 */
public record RelaySettings(TransportMap transport, Path certificate, Path privateKey, Path peerTrust,
                            RetrySchedule retrySchedule, Duration delayNoticeAfter, Duration expireAfter,
                            int maxConnectionsPerDestination, SmtpTimeouts timeouts, String heloName) {

    static final String TRANSPORT = "mssante.relay.transport";
    static final String CERTIFICATE = "mssante.relay.certificate";
    static final String PRIVATE_KEY = "mssante.relay.private-key";
    static final String PEER_TRUST = "mssante.relay.peer-trust";
    static final String RETRY_SCHEDULE = "mssante.relay.retry-schedule";
    static final String DELAY_NOTICE_AFTER = "mssante.relay.delay-notice-after";
    static final String EXPIRE_AFTER = "mssante.relay.expire-after";
    static final String MAX_CONNECTIONS = "mssante.relay.max-connections-per-destination";
    static final String TIMEOUT = "mssante.relay.timeout";

    public static RelaySettings fromSystemProperties() {
        return from(Settings::configured);
    }

    /** @param source a setting's value by name, null when not set */
    static RelaySettings from(UnaryOperator<String> source) {
        Duration timeout = Durations.parse(orDefault(source, TIMEOUT, "60s"), TIMEOUT);
        SmtpTimeouts timeouts = new SmtpTimeouts(Duration.ofSeconds(30).compareTo(timeout) < 0 ? Duration.ofSeconds(30)
                : timeout, timeout, timeout, timeout, timeout, timeout.multipliedBy(5));
        return new RelaySettings(
                TransportMap.parse(source.apply(TRANSPORT), TRANSPORT),
                path(source, CERTIFICATE, "mssante.tls.certificate"),
                path(source, PRIVATE_KEY, "mssante.tls.private-key"),
                path(source, PEER_TRUST, "mssante.tls.client-trust"),
                RetrySchedule.parse(orDefault(source, RETRY_SCHEDULE, RetrySchedule.DEFAULT), RETRY_SCHEDULE),
                Durations.parse(orDefault(source, DELAY_NOTICE_AFTER, "4h"), DELAY_NOTICE_AFTER),
                Durations.parse(orDefault(source, EXPIRE_AFTER, "5d"), EXPIRE_AFTER),
                positive(orDefault(source, MAX_CONNECTIONS, "4"), MAX_CONNECTIONS),
                timeouts,
                orDefault(source, "mssante.hostname", "localhost"));
    }


    /** Whether the key material to relay is configured at all. */
    public boolean tlsConfigured() {
        return certificate != null && privateKey != null && peerTrust != null;
    }

    private static Path path(UnaryOperator<String> source, String setting, String fallbackSetting) {
        String value = source.apply(setting);
        if (value == null) {
            value = source.apply(fallbackSetting);
        }
        return value == null ? null : Path.of(value);
    }

    private static String orDefault(UnaryOperator<String> source, String setting, String fallback) {
        String value = source.apply(setting);
        return value == null ? fallback : value;
    }

    private static int positive(String text, String setting) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalStateException(setting + ": '" + text + "' is not a positive whole number");
    }
}
