package fr.mssante.connector.imap;

import static fr.mssante.connector.server.ConfigChecks.requireListenerLimits;
import static fr.mssante.connector.server.ConfigChecks.requireRange;

import fr.mssante.connector.server.ListenerConfigBuilder;
import fr.mssante.connector.server.TrustedProxies;
import fr.mssante.connector.tls.ServerTls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the IMAP server needs to know; immutable so that a running server never sees a half
 * applied change.
 *
 * @param bindAddress            the only local address the listener binds to
 * @param port                   TCP port; 0 asks the system for an ephemeral port (tests)
 * @param hostname               our name in the greeting
 * @param maxConnections         simultaneous connections
 * @param maxConnectionsPerIp    simultaneous connections from one client address
 * @param maxConnectionsPerUser  simultaneous authenticated sessions of one user; more get {@code NO [LIMIT]}
 * @param idleTimeout            client inactivity before {@code * BYE Autologout} (RFC 3501 section 5.4:
 *                               at least 30 minutes)
 * @param maxCommandLineLength   octets of one line, CRLF included
 * @param maxLiteral             octets of a literal argument (not an APPEND message)
 * @param maxMessageSize         octets of an APPEND message, advertised as APPENDLIMIT (RFC 7889)
 * @param spoolThreshold         APPEND message size above which it goes to a temporary file
 * @param spoolDirectory         where those files are created
 * @param maxConsecutiveErrors   consecutive BAD responses before {@code * BYE} and disconnection
 * @param allowPlaintextAuth     whether LOGIN and AUTHENTICATE PLAIN are accepted without TLS (development
 *                               only); when false, LOGINDISABLED is advertised on clear connections
 *                               (RFC 3501 section 6.2.3)
 * @param tls                    the TLS context shared by the listeners; null when TLS is not configured,
 *                               in which case STARTTLS is not offered and {@code implicitTlsPort} unused
 * @param implicitTlsPort        port of the implicit TLS listener (RFC 8314, 993 in production), 0 for
 *                               none; it shares this server's sessions limits and change notifications
 * @param trustedProxies         load balancers whose connections start with a PROXY protocol v2 header naming
 *                               the real client (docs/adr/0023)
 */
public record ImapServerConfig(String bindAddress,
                               int port,
                               String hostname,
                               int maxConnections,
                               int maxConnectionsPerIp,
                               int maxConnectionsPerUser,
                               Duration idleTimeout,
                               int maxCommandLineLength,
                               long maxLiteral,
                               long maxMessageSize,
                               long spoolThreshold,
                               Path spoolDirectory,
                               int maxConsecutiveErrors,
                               boolean allowPlaintextAuth,
                               ServerTls tls,
                               int implicitTlsPort,
                               TrustedProxies trustedProxies) {

    /** Lower bound of the setting; RFC 7162 section 4 recommends accepting lines of at least 8192 octets. */
    /**
     * The command line limit of a deployed server. RFC 2971 lets ID carry 30 pairs of a 30-octet field and
     * a 1024-octet value, about 31 KiB on one line; RFC 7162 section 4 asks for at least 8192 octets for
     * long UID sets. 64 KiB holds both with room, and still bounds what one connection buffers: beyond it
     * the command gets BAD and the session goes on (the rest of the line is discarded as it streams in).
     */
    public static final int DEFAULT_MAX_COMMAND_LINE = 64 * 1024;
    static final int MIN_COMMAND_LINE = 1000;

    public ImapServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        if (hostname.isBlank()) {
            throw new IllegalArgumentException("hostname must not be blank");
        }
        requireListenerLimits(port, maxConnections, maxConnectionsPerIp, maxMessageSize, spoolThreshold,
                maxConsecutiveErrors, idleTimeout);
        requireRange("maxConnectionsPerUser", maxConnectionsPerUser, 1, Integer.MAX_VALUE);
        requireRange("maxCommandLineLength", maxCommandLineLength, MIN_COMMAND_LINE, Integer.MAX_VALUE);
        requireRange("maxLiteral", maxLiteral, 1, Integer.MAX_VALUE - 1);
        requireRange("implicitTlsPort", implicitTlsPort, 0, 65535);
        if (implicitTlsPort != 0 && tls == null) {
            throw new IllegalArgumentException("an implicit TLS port needs a TLS configuration");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Nothing has a default but the trusted proxies (none): the record constructor rejects what was forgotten. */
    public static final class Builder extends ListenerConfigBuilder<Builder> {
        private int maxConnectionsPerUser;
        private long maxLiteral;
        private int implicitTlsPort;

        private Builder() {
        }

        public Builder maxConnectionsPerUser(int value) {
            maxConnectionsPerUser = value;
            return this;
        }

        public Builder maxLiteral(long value) {
            maxLiteral = value;
            return this;
        }

        public Builder implicitTlsPort(int value) {
            implicitTlsPort = value;
            return this;
        }

        public ImapServerConfig build() {
            return new ImapServerConfig(bindAddress, port, hostname, maxConnections, maxConnectionsPerIp,
                    maxConnectionsPerUser, idleTimeout, maxCommandLineLength, maxLiteral, maxMessageSize,
                    spoolThreshold, spoolDirectory, maxConsecutiveErrors, allowPlaintextAuth, tls, implicitTlsPort,
                    trustedProxies);
        }
    }
}
