package fr.mssante.connector;

import fr.mssante.connector.api.RunMode;
import fr.mssante.connector.api.imap.ImapListener;
import fr.mssante.connector.api.smtp.SmtpListener;
import fr.mssante.connector.imap.ImapServer;
import fr.mssante.connector.imap.ImapServerConfig;
import fr.mssante.connector.imap.session.CallOutcome;
import fr.mssante.connector.server.ListenerScope;
import fr.mssante.connector.smtp.BoundedListenerInvoker;
import fr.mssante.connector.smtp.GroupCommit;
import fr.mssante.connector.smtp.SmtpServer;
import fr.mssante.connector.server.TrustedProxies;
import fr.mssante.connector.smtp.SmtpServerConfig;
import fr.mssante.connector.tls.ServerTls;
import fr.mssante.connector.tls.TlsSettings;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.HintsContext;

import javax.transaction.xa.XAResource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The MSSanté mail resource adapter: network servers that hand mail to the application through message
 * listener interfaces, so that the application itself never touches a socket.
 *
 * <p>It runs the SMTP MX and submission services, started when a message-driven bean implementing
 * {@link fr.mssante.connector.api.smtp.SmtpListener} is activated ({@link SmtpActivationSpec}), and the
 * IMAP service, started when one implementing {@link ImapListener} is ({@link ImapActivationSpec}).
 * Every property below is set from a system property in {@code META-INF/ironjacamar.xml} of the RAR;
 * the field initialisers are the same development defaults. A port of 0 disables that service.
 */
@Connector(
        displayName = "MSSante mail connector",
        description = "SMTP servers (MX and submission) and IMAP server backed by message-driven beans",
        vendorName = "MSSante",
        eisType = "SMTP",
        version = "0.1",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction,
        reauthenticationSupport = false)
public class MailResourceAdapter implements ResourceAdapter {

    private static final Logger LOG = Logger.getLogger(MailResourceAdapter.class.getName());
    /** Consecutive protocol errors before a session is closed (SMTP 421 4.7.0, IMAP BYE). */
    private static final int MAX_CONSECUTIVE_ERRORS = 10;
    private static final String PROXY_TRUSTED_PROPERTY = "mssante.proxy.trusted";
    private static final String PROXY_TRUSTED_ENV = "MSSANTE_PROXY_TRUSTED";

    @ConfigProperty(description = "Local address the SMTP services listen on (mssante.bind.address)")
    private String bindAddress = "127.0.0.1";

    @ConfigProperty(description = "Server name used in the SMTP greeting and EHLO reply (mssante.hostname)")
    private String hostname = "localhost";

    @ConfigProperty(description = "Port of the MX service, 0 to disable it (mssante.smtp.port)")
    private Integer smtpPort = 10025;

    @ConfigProperty(description = "Port of the submission service, 0 to disable it (mssante.submission.port)")
    private Integer submissionPort = 10587;

    @ConfigProperty(description = "Maximum message size in octets, advertised with SIZE (mssante.smtp.max-message-size)")
    private Long maxMessageSize = 26_214_400L;

    @ConfigProperty(description = "Maximum recipients per message (mssante.smtp.max-recipients)")
    private Integer maxRecipients = 100;

    @ConfigProperty(description = "Maximum simultaneous connections per service (mssante.smtp.max-connections)")
    private Integer maxConnections = 1000;

    @ConfigProperty(description = "Maximum simultaneous connections per client address (mssante.smtp.max-connections-per-ip)")
    private Integer maxConnectionsPerIp = 100;

    @ConfigProperty(description = "Seconds of client inactivity before 421 (mssante.smtp.idle-timeout; RFC 5321 4.5.3.2)")
    private Integer idleTimeoutSeconds = 300;

    @ConfigProperty(description = "Maximum command line length, CRLF included (mssante.smtp.max-command-line)")
    private Integer maxCommandLineLength = 2048;

    @ConfigProperty(description = "Maximum message line length, CRLF included (mssante.smtp.max-data-line; RFC 5321 4.5.3.1.6)")
    private Integer maxDataLineLength = 1000;

    @ConfigProperty(description = "Message size in octets above which DATA is spooled to a file (mssante.smtp.spool-threshold)")
    private Long spoolThreshold = 262_144L;

    @ConfigProperty(description = "Directory of the spool files, empty for java.io.tmpdir (mssante.smtp.spool-dir)")
    private String spoolDirectory = "";

    @ConfigProperty(description = "Maximum simultaneous calls to the application (mssante.connector.worker-threads)")
    private Integer workerThreads = 32;

    @ConfigProperty(description = "Messages per intake transaction at most, when messages complete while earlier ones commit;"
            + " 1: one transaction per message (mssante.smtp.group-commit-max)")
    private Integer groupCommitMax = 32;

    @ConfigProperty(description = "Intake transactions running at once before completed messages wait to share the next one"
            + " (mssante.smtp.group-commit-concurrency)")
    private Integer groupCommitConcurrency = 2;

    @ConfigProperty(description = "Maximum simultaneous IMAP connections, both ports together (mssante.imap.max-connections)")
    private Integer imapMaxConnections = 10000;

    @ConfigProperty(description = "Maximum simultaneous IMAP connections per client address (mssante.imap.max-connections-per-ip)")
    private Integer imapMaxConnectionsPerIp = 100;

    @ConfigProperty(description = "Calls that may wait for a worker before 451 / NO [UNAVAILABLE] Server busy, per service (mssante.connector.max-waiting-calls)")
    private Integer maxWaitingCalls = 2048;

    @ConfigProperty(description = "Seconds a call may wait for a worker before it is answered busy (mssante.connector.queue-timeout)")
    private Integer queueTimeoutSeconds = 30;

    @ConfigProperty(description = "Simultaneous IMAP credential checks, a lane of their own (mssante.imap.auth-max-concurrent)")
    private Integer imapAuthMaxConcurrent = 8;

    @ConfigProperty(description = "IMAP credential checks that may wait for the authentication lane (mssante.imap.auth-max-waiting)")
    private Integer imapAuthMaxWaiting = 10000;

    @ConfigProperty(description = "Seconds an IMAP credential check may wait before NO [UNAVAILABLE] (mssante.imap.auth-queue-timeout)")
    private Integer imapAuthQueueTimeoutSeconds = 120;

    @ConfigProperty(description = "Port of the IMAP service, 0 to disable it (mssante.imap.port)")
    private Integer imapPort = 10143;

    @ConfigProperty(description = "Maximum simultaneous IMAP sessions of one user (mssante.imap.max-connections-per-user)")
    private Integer imapMaxConnectionsPerUser = 50;

    @ConfigProperty(description = "Seconds of IMAP client inactivity before BYE (mssante.imap.idle-timeout; RFC 3501 5.4: at least 30 min)")
    private Integer imapIdleTimeoutSeconds = 1800;

    @ConfigProperty(description = "Maximum size in octets of an IMAP literal other than an APPEND message (mssante.imap.max-literal)")
    private Long imapMaxLiteral = 65_536L;

    @ConfigProperty(description = "Port of SMTP submission over implicit TLS (RFC 8314), 0 to disable it; needs TLS (mssante.smtps.port)")
    private Integer smtpsPort = 10465;

    @ConfigProperty(description = "Port of IMAP over implicit TLS (RFC 8314), 0 to disable it; needs TLS (mssante.imaps.port)")
    private Integer imapsPort = 10993;

    @ConfigProperty(description = "PEM file of the server certificate and its chain; empty: no TLS unless a keystore is set (mssante.tls.certificate)")
    private String tlsCertificate = "";

    @ConfigProperty(description = "PEM file of the server private key (mssante.tls.private-key)")
    private String tlsPrivateKey = "";

    @ConfigProperty(description = "PKCS#12 keystore with the server key and chain, instead of the PEM files (mssante.tls.keystore)")
    private String tlsKeystore = "";

    @ConfigProperty(description = "Password of the PKCS#12 keystore (mssante.tls.keystore-password)")
    private String tlsKeystorePassword = "";

    @ConfigProperty(description = "Trust anchors of client certificates, PEM bundle or PKCS#12; empty: none requested (mssante.tls.client-trust)")
    private String tlsClientTrust = "";

    @ConfigProperty(description = "Password of a PKCS#12 client trust file (mssante.tls.client-trust-password)")
    private String tlsClientTrustPassword = "";

    @ConfigProperty(description = "Enabled TLS protocol versions, comma-separated (mssante.tls.protocols)")
    private String tlsProtocols = String.join(",", TlsSettings.DEFAULT_PROTOCOLS);

    @ConfigProperty(description = "TLS 1.2 cipher suites, comma-separated (mssante.tls.cipher-suites)")
    private String tlsCipherSuites = String.join(",", TlsSettings.MSSANTE_TLS12_SUITES);

    @ConfigProperty(description = "TLS 1.3 cipher suites, comma-separated (mssante.tls.tls13-cipher-suites)")
    private String tls13CipherSuites = String.join(",", TlsSettings.DEFAULT_TLS13_SUITES);

    @ConfigProperty(description = "Development only: accept passwords before TLS is up (mssante.auth.allow-plaintext)")
    private Boolean allowPlaintextAuth = false;

    @ConfigProperty(description = "Load balancers (comma-separated CIDRs) whose connections start with a PROXY protocol v2"
            + " header; empty: none, or MSSANTE_PROXY_TRUSTED (mssante.proxy.trusted)")
    private String proxyTrusted = "";

    private BootstrapContext bootstrapContext;
    /** Built once at start and shared by every listener; null when TLS is off. */
    private ServerTls tls;
    /** Parsed once at start, like the TLS context. */
    private TrustedProxies trustedProxies = TrustedProxies.NONE;
    private final Map<MessageEndpointFactory, ServerActivation> activations = new ConcurrentHashMap<>();

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        try {
            tls = serverTls();
            trustedProxies = trustedProxies();
            listenerConfigs();
            imapConfig();
        } catch (RuntimeException e) {
            throw new ResourceAdapterInternalException("Invalid mail connector configuration: " + e.getMessage(), e);
        }
        this.bootstrapContext = context;
    }

    @Override
    public void stop() {
        activations.values().forEach(ServerActivation::stop);
        activations.clear();
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        if (spec instanceof SmtpActivationSpec) {
            activateSmtp(factory);
        } else if (spec instanceof ImapActivationSpec) {
            activateImap(factory);
        } else {
            throw new NotSupportedException("Unsupported activation spec " + spec.getClass().getName());
        }
    }

    private void activateSmtp(MessageEndpointFactory factory) throws ResourceException {
        List<SmtpServerConfig> listeners = listenerConfigs();
        if (listeners.isEmpty()) {
            LOG.warning("Both SMTP ports are 0: no SMTP service started");
        }
        ServerActivation activation = newActivation("smtp");
        BoundedListenerInvoker invoker = new BoundedListenerInvoker(activation.workers(), workerThreads,
                commandQueueing(), new EndpointListenerScope<>(factory, SmtpListener.class));
        // One group commit for the MX and submission alike: their messages share the intake transactions.
        GroupCommit intake = new GroupCommit(invoker, groupCommitMax, groupCommitConcurrency);
        activation.start(listeners.stream().map(config -> new SmtpServer(config, activation.eventLoops(), intake)).toList(),
                invoker);
        activations.put(factory, activation);
    }

    private void activateImap(MessageEndpointFactory factory) throws ResourceException {
        ImapServerConfig config = imapConfig();
        ServerActivation activation = newActivation("imap");
        ListenerScope<ImapListener, CallOutcome> scope = new EndpointListenerScope<>(factory, ImapListener.class);
        var invoker = ImapServer.invoker(activation.workers(), workerThreads, commandQueueing(), scope);
        var authInvoker = ImapServer.invoker(activation.workers(), imapAuthMaxConcurrent, authQueueing(), scope);
        if (config.port() == 0) {
            LOG.warning("The IMAP port is 0: no IMAP service started");
            activation.start(List.of(), invoker, authInvoker);
        } else {
            activation.start(List.of(new ImapServer(config, activation.eventLoops(), invoker, authInvoker)),
                    invoker, authInvoker);
        }
        activations.put(factory, activation);
    }

    /** How commands wait for a worker (ADR 0036), SMTP and IMAP alike. */
    private BoundedListenerInvoker.Queueing commandQueueing() {
        return new BoundedListenerInvoker.Queueing(maxWaitingCalls, Duration.ofSeconds(queueTimeoutSeconds));
    }

    /** How IMAP credential checks wait for the authentication lane (ADR 0036). */
    private BoundedListenerInvoker.Queueing authQueueing() {
        return new BoundedListenerInvoker.Queueing(imapAuthMaxWaiting, Duration.ofSeconds(imapAuthQueueTimeoutSeconds));
    }

    private ServerActivation newActivation(String protocol) {
        return new ServerActivation(protocol, bootstrapContext.getWorkManager(),
                bootstrapContext.isContextSupported(HintsContext.class));
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        ServerActivation activation = activations.remove(factory);
        if (activation != null) {
            activation.stop();
        }
    }

    /** No XA resource: each listener call is its own container-managed transaction. */
    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return null;
    }

    /** The TLS context from the settings; null, with a warning, when no server key is configured. */
    private ServerTls serverTls() {
        ServerTls created = ServerTls.create(new TlsSettings(tlsCertificate, tlsPrivateKey, tlsKeystore,
                tlsKeystorePassword, tlsClientTrust, tlsClientTrustPassword, TlsSettings.list(tlsProtocols),
                TlsSettings.list(tlsCipherSuites), TlsSettings.list(tls13CipherSuites)));
        boolean mailPortOpen = smtpPort != 0 || submissionPort != 0 || imapPort != 0;
        if (created == null && mailPortOpen && RunMode.current() == RunMode.PRODUCTION) {
            // ADR 0022: the application's startup check says the same, but the listeners are this adapter's.
            throw new IllegalStateException("TLS is off (mssante.tls.certificate and mssante.tls.private-key, or"
                    + " mssante.tls.keystore, not set) while mail listeners are enabled: refused in production mode ("
                    + RunMode.PROPERTY + "); set " + RunMode.PROPERTY + "=development for a throwaway setup");
        }
        if (created == null) {
            LOG.warning("TLS is OFF: no server key configured (mssante.tls.certificate and mssante.tls.private-key,"
                    + " or mssante.tls.keystore). STARTTLS is not offered and the implicit TLS ports "
                    + smtpsPort + " and " + imapsPort + " are not opened; passwords travel in clear. "
                    + "Acceptable for a throwaway development setup only.");
        }
        if (allowPlaintextAuth) {
            LOG.warning("mssante.auth.allow-plaintext is true: passwords are accepted before TLS (development only)");
        }
        return created;
    }

    /**
     * The PROXY protocol's trusted balancers (ADR 0023): the property as {@code ironjacamar.xml} resolved
     * it, else the environment variable, which {@code ironjacamar.xml} cannot read.
     */
    private TrustedProxies trustedProxies() {
        String configured = proxyTrusted == null || proxyTrusted.isBlank() ? System.getenv(PROXY_TRUSTED_ENV) : proxyTrusted;
        try {
            return TrustedProxies.parse(configured);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROXY_TRUSTED_PROPERTY + " (or " + PROXY_TRUSTED_ENV + "): " + e.getMessage(), e);
        }
    }

    /**
     * One configuration per enabled service (port not 0, which for the engine would mean "any port");
     * submission over implicit TLS only when TLS is configured.
     */
    private List<SmtpServerConfig> listenerConfigs() {
        SmtpServerConfig.Builder builder = SmtpServerConfig.builder()
                .bindAddress(bindAddress)
                .hostname(hostname)
                .maxMessageSize(maxMessageSize)
                .maxRecipients(maxRecipients)
                .maxConnections(maxConnections)
                .maxConnectionsPerIp(maxConnectionsPerIp)
                .idleTimeout(Duration.ofSeconds(idleTimeoutSeconds))
                .maxCommandLineLength(maxCommandLineLength)
                .maxDataLineLength(maxDataLineLength)
                .spoolThreshold(spoolThreshold)
                .spoolDirectory(spoolDirectory())
                .maxConsecutiveErrors(MAX_CONSECUTIVE_ERRORS)
                .tls(tls)
                .allowPlaintextAuth(allowPlaintextAuth)
                .trustedProxies(trustedProxies);
        if (workerThreads < 1) {
            throw new IllegalArgumentException("workerThreads must be positive: " + workerThreads);
        }
        if (groupCommitMax == null || groupCommitMax < 1) {
            throw new IllegalArgumentException("mssante.smtp.group-commit-max must be positive: " + groupCommitMax);
        }
        if (groupCommitConcurrency == null || groupCommitConcurrency < 1) {
            throw new IllegalArgumentException("mssante.smtp.group-commit-concurrency must be positive: "
                    + groupCommitConcurrency);
        }
        if (imapAuthMaxConcurrent < 1) {
            throw new IllegalArgumentException("mssante.imap.auth-max-concurrent must be positive: " + imapAuthMaxConcurrent);
        }
        // Validated here so that a wrong value fails the deployment, naming the setting.
        checkQueueing("mssante.connector", maxWaitingCalls, queueTimeoutSeconds);
        checkQueueing("mssante.imap.auth", imapAuthMaxWaiting, imapAuthQueueTimeoutSeconds);
        // Both are built, hence validated, even when disabled: a wrong setting fails the deployment at once.
        List<SmtpServerConfig> configs = List.of(
                // The MX asks every peer for a certificate and never fails the handshake for it (ServerTls).
                builder.service("mx").port(smtpPort).tls(tls == null ? null : tls.forOperatorPeers()).build(),
                builder.tls(tls).service("submission").port(submissionPort).build(),
                builder.service("submission").port(tls == null ? 0 : smtpsPort).implicitTls(tls != null).build());
        return configs.stream().filter(config -> config.port() != 0).toList();
    }

    private static void checkQueueing(String prefix, int maxWaiting, int timeoutSeconds) {
        if (maxWaiting < 0) {
            throw new IllegalArgumentException(prefix + (prefix.endsWith("auth") ? "-max-waiting" : ".max-waiting-calls")
                    + " must not be negative: " + maxWaiting);
        }
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException(prefix + (prefix.endsWith("auth") ? "-queue-timeout" : ".queue-timeout")
                    + " must be at least 1 second: " + timeoutSeconds);
        }
    }

    /** The IMAP service's configuration, validated even when disabled (port 0). */
    private ImapServerConfig imapConfig() {
        return ImapServerConfig.builder()
                .bindAddress(bindAddress)
                .port(imapPort)
                .hostname(hostname)
                .maxConnections(imapMaxConnections)
                .maxConnectionsPerIp(imapMaxConnectionsPerIp)
                .maxConnectionsPerUser(imapMaxConnectionsPerUser)
                .idleTimeout(Duration.ofSeconds(imapIdleTimeoutSeconds))
                .maxCommandLineLength(ImapServerConfig.DEFAULT_MAX_COMMAND_LINE)
                .maxLiteral(imapMaxLiteral)
                .maxMessageSize(maxMessageSize)
                .spoolThreshold(spoolThreshold)
                .spoolDirectory(spoolDirectory())
                .maxConsecutiveErrors(MAX_CONSECUTIVE_ERRORS)
                .allowPlaintextAuth(allowPlaintextAuth)
                .tls(tls)
                .implicitTlsPort(tls == null ? 0 : imapsPort)
                .trustedProxies(trustedProxies)
                .build();
    }

    private Path spoolDirectory() {
        return spoolDirectory == null || spoolDirectory.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"))
                : Path.of(spoolDirectory);
    }

    /**
     * Identity, declared explicitly because IronJacamar's archive validation requires a ResourceAdapter
     * to declare equals and hashCode (rules ra.RAEquals and ra.RAHashCode). An instance owns sockets and
     * threads: two instances are never interchangeable, whatever their configuration.
     */
    @Override
    public boolean equals(Object other) {
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public String getHostname() {
        return hostname;
    }

    public void setHostname(String hostname) {
        this.hostname = hostname;
    }

    public Integer getSmtpPort() {
        return smtpPort;
    }

    public void setSmtpPort(Integer smtpPort) {
        this.smtpPort = smtpPort;
    }

    public Integer getSubmissionPort() {
        return submissionPort;
    }

    public void setSubmissionPort(Integer submissionPort) {
        this.submissionPort = submissionPort;
    }

    public Long getMaxMessageSize() {
        return maxMessageSize;
    }

    public void setMaxMessageSize(Long maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public Integer getMaxRecipients() {
        return maxRecipients;
    }

    public void setMaxRecipients(Integer maxRecipients) {
        this.maxRecipients = maxRecipients;
    }

    public Integer getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(Integer maxConnections) {
        this.maxConnections = maxConnections;
    }

    public Integer getMaxConnectionsPerIp() {
        return maxConnectionsPerIp;
    }

    public void setMaxConnectionsPerIp(Integer maxConnectionsPerIp) {
        this.maxConnectionsPerIp = maxConnectionsPerIp;
    }

    public Integer getIdleTimeoutSeconds() {
        return idleTimeoutSeconds;
    }

    public void setIdleTimeoutSeconds(Integer idleTimeoutSeconds) {
        this.idleTimeoutSeconds = idleTimeoutSeconds;
    }

    public Integer getMaxCommandLineLength() {
        return maxCommandLineLength;
    }

    public void setMaxCommandLineLength(Integer maxCommandLineLength) {
        this.maxCommandLineLength = maxCommandLineLength;
    }

    public Integer getMaxDataLineLength() {
        return maxDataLineLength;
    }

    public void setMaxDataLineLength(Integer maxDataLineLength) {
        this.maxDataLineLength = maxDataLineLength;
    }

    public Long getSpoolThreshold() {
        return spoolThreshold;
    }

    public void setSpoolThreshold(Long spoolThreshold) {
        this.spoolThreshold = spoolThreshold;
    }

    public String getSpoolDirectory() {
        return spoolDirectory;
    }

    public void setSpoolDirectory(String spoolDirectory) {
        this.spoolDirectory = spoolDirectory;
    }

    public Integer getWorkerThreads() {
        return workerThreads;
    }

    public void setWorkerThreads(Integer workerThreads) {
        this.workerThreads = workerThreads;
    }

    public Integer getImapPort() {
        return imapPort;
    }

    public void setImapPort(Integer imapPort) {
        this.imapPort = imapPort;
    }

    public Integer getImapMaxConnectionsPerUser() {
        return imapMaxConnectionsPerUser;
    }

    public void setImapMaxConnectionsPerUser(Integer imapMaxConnectionsPerUser) {
        this.imapMaxConnectionsPerUser = imapMaxConnectionsPerUser;
    }

    public Integer getImapIdleTimeoutSeconds() {
        return imapIdleTimeoutSeconds;
    }

    public void setImapIdleTimeoutSeconds(Integer imapIdleTimeoutSeconds) {
        this.imapIdleTimeoutSeconds = imapIdleTimeoutSeconds;
    }

    public Long getImapMaxLiteral() {
        return imapMaxLiteral;
    }

    public void setImapMaxLiteral(Long imapMaxLiteral) {
        this.imapMaxLiteral = imapMaxLiteral;
    }

    public Integer getSmtpsPort() {
        return smtpsPort;
    }

    public void setSmtpsPort(Integer smtpsPort) {
        this.smtpsPort = smtpsPort;
    }

    public Integer getImapsPort() {
        return imapsPort;
    }

    public void setImapsPort(Integer imapsPort) {
        this.imapsPort = imapsPort;
    }

    public String getTlsCertificate() {
        return tlsCertificate;
    }

    public void setTlsCertificate(String tlsCertificate) {
        this.tlsCertificate = tlsCertificate;
    }

    public String getTlsPrivateKey() {
        return tlsPrivateKey;
    }

    public void setTlsPrivateKey(String tlsPrivateKey) {
        this.tlsPrivateKey = tlsPrivateKey;
    }

    public String getTlsKeystore() {
        return tlsKeystore;
    }

    public void setTlsKeystore(String tlsKeystore) {
        this.tlsKeystore = tlsKeystore;
    }

    public String getTlsKeystorePassword() {
        return tlsKeystorePassword;
    }

    public void setTlsKeystorePassword(String tlsKeystorePassword) {
        this.tlsKeystorePassword = tlsKeystorePassword;
    }

    public String getTlsClientTrust() {
        return tlsClientTrust;
    }

    public void setTlsClientTrust(String tlsClientTrust) {
        this.tlsClientTrust = tlsClientTrust;
    }

    public String getTlsClientTrustPassword() {
        return tlsClientTrustPassword;
    }

    public void setTlsClientTrustPassword(String tlsClientTrustPassword) {
        this.tlsClientTrustPassword = tlsClientTrustPassword;
    }

    public String getTlsProtocols() {
        return tlsProtocols;
    }

    public void setTlsProtocols(String tlsProtocols) {
        this.tlsProtocols = tlsProtocols;
    }

    public String getTlsCipherSuites() {
        return tlsCipherSuites;
    }

    public void setTlsCipherSuites(String tlsCipherSuites) {
        this.tlsCipherSuites = tlsCipherSuites;
    }

    public String getTls13CipherSuites() {
        return tls13CipherSuites;
    }

    public void setTls13CipherSuites(String tls13CipherSuites) {
        this.tls13CipherSuites = tls13CipherSuites;
    }

    public Boolean getAllowPlaintextAuth() {
        return allowPlaintextAuth;
    }

    public void setAllowPlaintextAuth(Boolean allowPlaintextAuth) {
        this.allowPlaintextAuth = allowPlaintextAuth;
    }

    public String getProxyTrusted() {
        return proxyTrusted;
    }

    public void setProxyTrusted(String proxyTrusted) {
        this.proxyTrusted = proxyTrusted;
    }

    public Integer getImapMaxConnections() {
        return imapMaxConnections;
    }

    public void setImapMaxConnections(Integer imapMaxConnections) {
        this.imapMaxConnections = imapMaxConnections;
    }

    public Integer getImapMaxConnectionsPerIp() {
        return imapMaxConnectionsPerIp;
    }

    public void setImapMaxConnectionsPerIp(Integer imapMaxConnectionsPerIp) {
        this.imapMaxConnectionsPerIp = imapMaxConnectionsPerIp;
    }

    public Integer getGroupCommitMax() {
        return groupCommitMax;
    }

    public void setGroupCommitMax(Integer groupCommitMax) {
        this.groupCommitMax = groupCommitMax;
    }

    public Integer getGroupCommitConcurrency() {
        return groupCommitConcurrency;
    }

    public void setGroupCommitConcurrency(Integer groupCommitConcurrency) {
        this.groupCommitConcurrency = groupCommitConcurrency;
    }

    public Integer getMaxWaitingCalls() {
        return maxWaitingCalls;
    }

    public void setMaxWaitingCalls(Integer maxWaitingCalls) {
        this.maxWaitingCalls = maxWaitingCalls;
    }

    public Integer getQueueTimeoutSeconds() {
        return queueTimeoutSeconds;
    }

    public void setQueueTimeoutSeconds(Integer queueTimeoutSeconds) {
        this.queueTimeoutSeconds = queueTimeoutSeconds;
    }

    public Integer getImapAuthMaxConcurrent() {
        return imapAuthMaxConcurrent;
    }

    public void setImapAuthMaxConcurrent(Integer imapAuthMaxConcurrent) {
        this.imapAuthMaxConcurrent = imapAuthMaxConcurrent;
    }

    public Integer getImapAuthMaxWaiting() {
        return imapAuthMaxWaiting;
    }

    public void setImapAuthMaxWaiting(Integer imapAuthMaxWaiting) {
        this.imapAuthMaxWaiting = imapAuthMaxWaiting;
    }

    public Integer getImapAuthQueueTimeoutSeconds() {
        return imapAuthQueueTimeoutSeconds;
    }

    public void setImapAuthQueueTimeoutSeconds(Integer imapAuthQueueTimeoutSeconds) {
        this.imapAuthQueueTimeoutSeconds = imapAuthQueueTimeoutSeconds;
    }
}
