package fr.mssante.connector.smtp;

import static fr.mssante.connector.server.ConfigChecks.requireListenerLimits;
import static fr.mssante.connector.server.ConfigChecks.requireRange;

import fr.mssante.connector.server.ListenerConfigBuilder;
import fr.mssante.connector.server.TrustedProxies;
import fr.mssante.connector.tls.ServerTls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything one SMTP listener needs to know; immutable so that a running server never sees a half
 * applied change.
 *
 * @param bindAddress          the only local address the listener binds to
 * @param port                 TCP port; 0 asks the system for an ephemeral port (tests)
 * @param hostname             our name in the greeting, EHLO and 421 replies; also the domain given to
 *                             the bare {@code <postmaster>} recipient (RFC 5321 section 4.5.1)
 * @param service              {@code mx} or {@code submission}, passed to the application in
 *                             {@link fr.mssante.connector.api.smtp.SmtpSessionInfo}
 * @param maxMessageSize       octets, advertised with SIZE (RFC 1870) and enforced while streaming
 * @param maxRecipients        accepted RCPT per transaction; more get 452 (RFC 5321 section 4.5.3.1.10)
 * @param maxConnections       simultaneous connections on this listener
 * @param maxConnectionsPerIp  simultaneous connections from one client address
 * @param idleTimeout          how long we wait for the client (RFC 5321 section 4.5.3.2.7: 5 minutes)
 * @param maxCommandLineLength octets including CRLF (RFC 5321 section 4.5.3.1.4 says at least 512)
 * @param maxDataLineLength    octets including CRLF (RFC 5321 section 4.5.3.1.6: 1000)
 * @param spoolThreshold       message size above which the content goes to a temporary file
 * @param spoolDirectory       where those files are created
 * @param maxConsecutiveErrors consecutive protocol errors tolerated before 421 and disconnection
 * @param tls                  the TLS context shared by the listeners; null when TLS is not configured,
 *                             in which case STARTTLS is neither advertised nor accepted
 * @param implicitTls          whether the connection is TLS from its first octet (RFC 8314 submission
 *                             on port 465) rather than upgraded by STARTTLS (RFC 3207)
 * @param allowPlaintextAuth   development only, submission only: whether AUTH with a secret (PLAIN, LOGIN,
 *                             OAUTHBEARER, XOAUTH2) is offered on a clear connection; when false, AUTH waits
 *                             for TLS (RFC 3207)
 * @param trustedProxies       load balancers whose connections start with a PROXY protocol v2 header naming
 *                             the real client (docs/adr/0023)
 */
public record SmtpServerConfig(String bindAddress,
                               int port,
                               String hostname,
                               String service,
                               long maxMessageSize,
                               int maxRecipients,
                               int maxConnections,
                               int maxConnectionsPerIp,
                               Duration idleTimeout,
                               int maxCommandLineLength,
                               int maxDataLineLength,
                               long spoolThreshold,
                               Path spoolDirectory,
                               int maxConsecutiveErrors,
                               ServerTls tls,
                               boolean implicitTls,
                               boolean allowPlaintextAuth,
                               TrustedProxies trustedProxies) {

    /** RFC 5321 section 4.5.3.1.4 and 4.5.3.1.6: no line may be shorter than these minimums. */
    static final int MIN_COMMAND_LINE = 512;
    static final int MIN_DATA_LINE = 1000;

    public SmtpServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        if (hostname.isBlank() || service.isBlank()) {
            throw new IllegalArgumentException("hostname and service must not be blank");
        }
        requireListenerLimits(port, maxConnections, maxConnectionsPerIp, maxMessageSize, spoolThreshold,
                maxConsecutiveErrors, idleTimeout);
        requireRange("maxRecipients", maxRecipients, 1, Integer.MAX_VALUE);
        requireRange("maxCommandLineLength", maxCommandLineLength, MIN_COMMAND_LINE, Integer.MAX_VALUE);
        requireRange("maxDataLineLength", maxDataLineLength, MIN_DATA_LINE, Integer.MAX_VALUE);
        if (implicitTls && tls == null) {
            throw new IllegalArgumentException("implicit TLS on service " + service + " needs a TLS configuration");
        }
    }

    /** The submission service (RFC 6409) authenticates its clients (RFC 4954); the MX service does not. */
    public boolean submission() {
        return service.equals("submission");
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Mutable and reusable: the resource adapter fills the common settings once and builds one
     * config per listener by changing only {@link #port} and {@link #service}. Nothing has a default
     * but {@code allowPlaintextAuth} (false) and {@code trustedProxies} (none); the record constructor
     * rejects what was forgotten.
     */
    public static final class Builder extends ListenerConfigBuilder<Builder> {
        private String service;
        private int maxRecipients;
        private int maxDataLineLength;
        private boolean implicitTls;

        private Builder() {
        }

        public Builder service(String value) {
            service = value;
            return this;
        }

        public Builder maxRecipients(int value) {
            maxRecipients = value;
            return this;
        }

        public Builder maxDataLineLength(int value) {
            maxDataLineLength = value;
            return this;
        }

        public Builder implicitTls(boolean value) {
            implicitTls = value;
            return this;
        }

        public SmtpServerConfig build() {
            return new SmtpServerConfig(bindAddress, port, hostname, service, maxMessageSize, maxRecipients,
                    maxConnections, maxConnectionsPerIp, idleTimeout, maxCommandLineLength, maxDataLineLength,
                    spoolThreshold, spoolDirectory, maxConsecutiveErrors, tls, implicitTls, allowPlaintextAuth,
                    trustedProxies);
        }
    }
}
