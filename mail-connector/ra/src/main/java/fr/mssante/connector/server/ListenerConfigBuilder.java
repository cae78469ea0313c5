package fr.mssante.connector.server;

import fr.mssante.connector.tls.ServerTls;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The settings every listener configuration has, SMTP or IMAP, and their builder setters; each
 * service's builder extends this one with its own settings. Nothing has a default but the trusted proxies (none): the config
 * record's constructor rejects what was forgotten.
 *
 * @param <B> the service's builder, which every setter returns so that calls chain
 */
public abstract class ListenerConfigBuilder<B extends ListenerConfigBuilder<B>> {

    protected String bindAddress;
    protected int port;
    protected String hostname;
    protected int maxConnections;
    protected int maxConnectionsPerIp;
    protected Duration idleTimeout;
    protected int maxCommandLineLength;
    protected long maxMessageSize;
    protected long spoolThreshold;
    protected Path spoolDirectory;
    protected int maxConsecutiveErrors;
    protected ServerTls tls;
    protected boolean allowPlaintextAuth;
    protected TrustedProxies trustedProxies = TrustedProxies.NONE;

    public B bindAddress(String value) {
        bindAddress = value;
        return self();
    }

    public B port(int value) {
        port = value;
        return self();
    }

    public B hostname(String value) {
        hostname = value;
        return self();
    }

    public B maxConnections(int value) {
        maxConnections = value;
        return self();
    }

    public B maxConnectionsPerIp(int value) {
        maxConnectionsPerIp = value;
        return self();
    }

    public B idleTimeout(Duration value) {
        idleTimeout = value;
        return self();
    }

    public B maxCommandLineLength(int value) {
        maxCommandLineLength = value;
        return self();
    }

    public B maxMessageSize(long value) {
        maxMessageSize = value;
        return self();
    }

    public B spoolThreshold(long value) {
        spoolThreshold = value;
        return self();
    }

    public B spoolDirectory(Path value) {
        spoolDirectory = value;
        return self();
    }

    public B maxConsecutiveErrors(int value) {
        maxConsecutiveErrors = value;
        return self();
    }

    /** The TLS context of every listener, null when TLS is not configured (no STARTTLS, no implicit TLS). */
    public B tls(ServerTls value) {
        tls = value;
        return self();
    }

    /** Development only: whether passwords may be sent before TLS is up. */
    public B allowPlaintextAuth(boolean value) {
        allowPlaintextAuth = value;
        return self();
    }

    /** The load balancers that speak the PROXY protocol to the listener; by default none. */
    public B trustedProxies(TrustedProxies value) {
        trustedProxies = value;
        return self();
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
