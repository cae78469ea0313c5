package fr.mssante.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The whole platform on one machine: a private PostgreSQL, Keycloak with the realms of
 * {@code docker/keycloak} and its dev overlay (operator realm, demo users, Pro Santé Connect stand-in) and a WildFly running the EAR,
 * wired together by system properties. Used by {@code ./mssante run} (fixed dev ports) and by the
 * integration tests (free ports, fresh directories).
 *
 * <p>Given the settings of a second node, the first node runs the cluster configuration with the
 * second as its peer, and {@link #startSecondNode()} later starts the second one on the same database
 * (each with its own ports, WildFly home and broker journal).
 */
public final class LocalPlatform implements AutoCloseable {

    /** Where to find things and which ports to use. */
    public record Settings(Path serverTemplate, Path ear, Path workDir,
                           int portOffset, int httpPort, int managementPort,
                           int databasePort, int smtpPort, int submissionPort, int imapPort,
                           int smtpsPort, int imapsPort, int whitelistPort,
                           boolean demoData, boolean allowPlaintextAuth, Keycloak keycloak,
                           Map<String, String> systemProperties) {

        /** The same settings with {@code more} system properties (overriding those of the same name). */
        public Settings withSystemProperties(Map<String, String> more) {
            Map<String, String> merged = new java.util.LinkedHashMap<>(systemProperties);
            merged.putAll(more);
            return new Settings(serverTemplate, ear, workDir, portOffset, httpPort, managementPort, databasePort,
                    smtpPort, submissionPort, imapPort, smtpsPort, imapsPort, whitelistPort, demoData,
                    allowPlaintextAuth, keycloak, Map.copyOf(merged));
        }

        /** The same settings with the MX on {@code port}. */
        public Settings withSmtpPort(int port) {
            return new Settings(serverTemplate, ear, workDir, portOffset, httpPort, managementPort, databasePort,
                    port, submissionPort, imapPort, smtpsPort, imapsPort, whitelistPort, demoData,
                    allowPlaintextAuth, keycloak, systemProperties);
        }
    }

    /**
     * Where Keycloak comes from and how it listens.
     *
     * @param distribution  the unpacked distribution (wildfly-config/target/keycloak)
     * @param realmFiles    the realm files to import (docker/keycloak)
     * @param port          HTTP port on 127.0.0.1 (paths under /auth)
     * @param adminPassword the master realm's bootstrap admin ({@value KeycloakServer#ADMIN_USER})
     */
    public record Keycloak(Path distribution, Path realmFiles, int port, String adminPassword) {
    }

    /** The platform's run mode setting (fr.mssante.connector.api.RunMode), which this launcher always sets to {@link #DEVELOPMENT}. */
    public static final String MODE = "mssante.mode";
    public static final String DEVELOPMENT = "development";

    /** Common name of the demo APP mailbox's client certificate (files under {@code tls/dpi}). */
    public static final String DEMO_APP_CN = "dpi.hopital-demo.mssante.fr";

    /**
     * Tests see the authentication throttle's real thresholds but shorter waits, so that a lockout
     * takes seconds rather than half a minute.
     */
    private static final String RELAY_TRANSPORT = "mssante.relay.transport";
    private static final Map<String, String> TEST_THROTTLE = Map.of(
            "mssante.auth.delay-step-ms", "100", "mssante.auth.max-delay-ms", "300");

    /**
     * The only address a test platform's mail listeners take PROXY protocol headers from (ADR 0023): a
     * loopback address no other test connects from, so that the shared platform treats every other test's
     * connections as before. ProxyProtocolIT puts HAProxy there.
     */
    public static final String TEST_PROXY_SOURCE = "127.0.0.5";

    /** The peer operator's demo mailbox ({@code -Dmssante.demo.profile=peer}), password as dr.martin's. */
    public static final String PEER_DR_DURAND = "dr.durand@" + DevWhitelist.TEST_PEER_DOMAIN;

    private final Settings settings;
    private final Settings secondNodeSettings;
    private final EmbeddedDatabase database;
    private final WildFlyServer server;
    private final KeycloakServer keycloak;
    /**
     * False for a peer operator, which uses the first operator's Keycloak and whitelist publication and
     * leaves them running.
     */
    private final boolean firstOperator;
    private final Tls tls;
    /** The dev publication of the whitelist; null when the TLS material is not the dev CA's. */
    private final WhitelistServer whitelist;
    private WildFlyServer secondNode;

    public LocalPlatform(Settings settings) {
        this(settings, null);
    }

    /**
     * @param secondNode ports and home of a second node started by {@link #startSecondNode()} (its
     *                   database port is ignored: both nodes use this platform's database), or null
     */
    public LocalPlatform(Settings settings, Settings secondNode) {
        this(settings, secondNode, keycloak(settings), true, Tls.of(settings.workDir().resolve("tls")));
    }

    private LocalPlatform(Settings settings, Settings secondNode, KeycloakServer keycloak, boolean firstOperator,
                          Tls tls) {
        this(settings, secondNode, keycloak, firstOperator, tls,
                whitelistServer(settings.workDir().resolve("whitelist"), tls, settings.whitelistPort()));
    }

    private LocalPlatform(Settings settings, Settings secondNode, KeycloakServer keycloak, boolean firstOperator,
                          Tls tls, WhitelistServer whitelist) {
        this.settings = settings;
        this.secondNodeSettings = secondNode;
        this.database = new EmbeddedDatabase(settings.workDir().resolve("pgdata"), settings.databasePort());
        this.keycloak = keycloak;
        this.firstOperator = firstOperator;
        this.tls = tls;
        this.whitelist = whitelist;
        // The first node keeps the configured transaction node id (mssante-1 unless MSSANTE_NODE_ID).
        this.server = node(settings, "wildfly");
        if (secondNode != null) {
            server.clusterPeer("127.0.0.1", secondNode.httpPort());
        }
    }

    /**
     * A second MSSanté operator on this machine, beside {@code first}: its own PostgreSQL, WildFly and
     * operator certificate ({@link DevWhitelist#TEST_PEER_DN}, issued by the first platform's dev CA, which stands in
     * for IGC-Santé for both), the first platform's Keycloak (started and stopped by the first). Its demo
     * data, whitelist and transport settings come with {@code settings.systemProperties()}.
     */
    public static LocalPlatform peerOperator(Settings settings, LocalPlatform first) throws IOException {
        DevCertificates pki = first.devCertificates();
        if (pki == null) {
            throw new IllegalStateException("a peer operator needs the development CA (MSSANTE_TLS_* given)");
        }
        DevCertificates.OperatorFiles operator = pki.issueOperator(DevWhitelist.TEST_PEER_DN, "peer-operator",
                settings.workDir().resolve("tls"));
        Tls tls = new Tls(operator.certificate().toString(), operator.privateKey().toString(),
                pki.caCertificate().toString(), null);
        return new LocalPlatform(settings, null, first.keycloak(), false, tls, first.whitelistServer());
    }

    /**
     * One Keycloak for all nodes. Its realm files take from the environment what differs between this
     * machine and production: here the PSC stand-in's URLs on this Keycloak and the console's origin
     * on this WildFly (see docker/keycloak/README.md).
     */
    private static KeycloakServer keycloak(Settings settings) {
        Keycloak k = settings.keycloak();
        KeycloakServer kc = new KeycloakServer(k.distribution(), k.realmFiles(), settings.workDir().resolve("keycloak"),
                k.port(), k.adminPassword());
        String psc = kc.realmUrl(KeycloakServer.PSC_STAND_IN_REALM);
        String endpoints = psc + "/protocol/openid-connect/";
        return kc.environment("MSSANTE_PSC_ISSUER", psc)
                .environment("MSSANTE_PSC_AUTHORIZATION_URL", endpoints + "auth?acr_values=eidas1")
                .environment("MSSANTE_PSC_TOKEN_URL", endpoints + "token")
                .environment("MSSANTE_PSC_USERINFO_URL", endpoints + "userinfo")
                .environment("MSSANTE_PSC_JWKS_URL", endpoints + "certs")
                .environment("MSSANTE_PSC_LOGOUT_URL", endpoints + "logout")
                // The production realm file has no default for it (ADR 0022).
                .environment("MSSANTE_PSC_CLIENT_SECRET", KeycloakServer.DEV_PSC_CLIENT_SECRET)
                .environment("MSSANTE_PSC_BROKER_REDIRECT_URI",
                        kc.realmUrl(KeycloakServer.OPERATOR_REALM) + "/broker/psc/endpoint")
                .environment("MSSANTE_CONSOLE_URL", "http://127.0.0.1:" + settings.httpPort())
                .environment("MSSANTE_CONSOLE_URL_ALT", "http://localhost:" + settings.httpPort());
    }

    private WildFlyServer node(Settings settings, String home) {
        return new WildFlyServer(settings.serverTemplate(), settings.workDir().resolve(home),
                settings.portOffset())
                // Development passwords, dev TLS material, demo data: refused in production mode, the default (ADR 0022).
                .systemProperty(MODE, DEVELOPMENT)
                .systemProperty("jboss.http.port", Integer.toString(settings.httpPort() - settings.portOffset()))
                .systemProperty("jboss.management.http.port",
                        Integer.toString(settings.managementPort() - settings.portOffset()))
                .systemProperty("mssante.db.url", database.jdbcUrl())
                .systemProperty("mssante.db.user", EmbeddedDatabase.APP_USER)
                .systemProperty("mssante.db.password", EmbeddedDatabase.APP_PASSWORD)
                .systemProperty("mssante.db.owner-user", EmbeddedDatabase.USER)
                .systemProperty("mssante.db.owner-password", EmbeddedDatabase.PASSWORD)
                .systemProperty("mssante.smtp.port", Integer.toString(settings.smtpPort()))
                .systemProperty("mssante.submission.port", Integer.toString(settings.submissionPort()))
                .systemProperty("mssante.imap.port", Integer.toString(settings.imapPort()))
                .systemProperty("mssante.smtps.port", Integer.toString(settings.smtpsPort()))
                .systemProperty("mssante.imaps.port", Integer.toString(settings.imapsPort()))
                .systemProperty("mssante.tls.certificate", tls.certificate())
                .systemProperty("mssante.tls.private-key", tls.privateKey())
                .systemProperty("mssante.tls.client-trust", tls.clientTrust())
                // Off in tests and by default in dev too: authentication waits for TLS (README).
                .systemProperty("mssante.auth.allow-plaintext", Boolean.toString(settings.allowPlaintextAuth()))
                .systemProperty("mssante.bind.address", "127.0.0.1")
                .systemProperty("mssante.oidc.provider-url", keycloak.realmUrl(KeycloakServer.OPERATOR_REALM))
                .systemProperty("mssante.oidc.issuer", keycloak.realmUrl(KeycloakServer.OPERATOR_REALM))
                .systemProperty("mssante.psc.issuer", keycloak.realmUrl(KeycloakServer.PSC_STAND_IN_REALM))
                .systemProperty("mssante.demo-data", Boolean.toString(settings.demoData()))
                .systemProperty("mssante.demo.app-certificate", demoAppCertificate())
                .systemProperties(whitelist == null ? Map.of() : whitelist.systemProperties())
                .systemProperties(settings.systemProperties());
    }

    /**
     * The whitelist the platform fetches in dev and tests: the demo domains (operator DN = the dev server
     * certificate's subject) and the test peer ({@link DevWhitelist}), over HTTPS with the dev CA.
     */
    private static WhitelistServer whitelistServer(Path directory, Tls tls, int port) {
        if (tls.dev() == null) {
            return null; // MSSANTE_TLS_* given: the configured (default: national) whitelist applies
        }
        try {
            return new WhitelistServer(directory, tls.dev(), port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The dev whitelist's server, whose directory a test may publish another list into
     * ({@link DevWhitelist#publish}); null when the TLS material is not the dev CA's.
     */
    public WhitelistServer whitelistServer() {
        return whitelist;
    }

    private String demoAppCertificate() {
        DevCertificates.ClientFiles files = demoAppClientCertificate();
        return files == null ? "" : files.certificate().toString();
    }

    /**
     * The dev CA's client certificate of the demo APP mailbox dpi@ (under {@code tls/dpi}, issued on first
     * use), which the demo data registers for SASL EXTERNAL; null when the TLS material is not the dev CA's.
     */
    public DevCertificates.ClientFiles demoAppClientCertificate() {
        if (tls.dev() == null) {
            return null;
        }
        Path directory = settings.workDir().resolve("tls").resolve("dpi");
        try {
            return Files.exists(directory.resolve(DEMO_APP_CN + ".pem"))
                    ? new DevCertificates.ClientFiles(directory.resolve(DEMO_APP_CN + ".pem"),
                            directory.resolve(DEMO_APP_CN + ".key"), directory.resolve(DEMO_APP_CN + ".p12"))
                    : tls.dev().issueClient(DEMO_APP_CN, directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Settings for a test run: every port free on 127.0.0.1, everything under {@code workDir}, a random
     * Keycloak admin password.
     */
    public static Settings forTests(Path serverTemplate, Path ear, Path keycloakDistribution, Path realmFiles,
                                    Path workDir) {
        int offset = FreePorts.pickOffset(WildFlyServer.BASE_PORTS);
        Map<String, String> properties = new HashMap<>(TEST_THROTTLE);
        properties.putAll(testRelay(FreePorts.pick()));
        properties.put("mssante.proxy.trusted", TEST_PROXY_SOURCE + "/32");
        return new Settings(serverTemplate, ear, workDir, offset, 8080 + offset, 9990 + offset,
                FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), FreePorts.pick(),
                FreePorts.pick(), FreePorts.pick(), true, false,
                new Keycloak(keycloakDistribution, realmFiles, FreePorts.pick(), UUID.randomUUID().toString()),
                Map.copyOf(properties));
    }

    /**
     * Relay of a test platform (ADR 0018): mail for the test peer domain goes to {@code peerPort} on loopback,
     * where RelayIT runs a stand-in peer operator or TwoOperatorsIT the second operator. Retries and the
     * delay notice take seconds; expiry leaves time to start a second operator (a minute or two on two
     * cores) before a queued message expires.
     */
    private static Map<String, String> testRelay(int peerPort) {
        return Map.of(RELAY_TRANSPORT, DevWhitelist.TEST_PEER_DOMAIN + "=127.0.0.1:" + peerPort,
                "mssante.relay.retry-schedule", "3s",
                "mssante.relay.delay-notice-after", "10s",
                "mssante.relay.expire-after", "180s");
    }

    /** The loopback port a test platform relays {@link DevWhitelist#TEST_PEER_DOMAIN} to ({@link #forTests}). */
    public static int testRelayPeerPort(Settings settings) {
        String route = settings.systemProperties().get(RELAY_TRANSPORT);
        if (route == null) {
            throw new IllegalStateException("these settings have no test relay route (" + RELAY_TRANSPORT + ")");
        }
        return Integer.parseInt(route.substring(route.lastIndexOf(':') + 1));
    }

    /**
     * Settings for a second test node: other free ports, its home under {@code workDir}; no demo data
     * (the first node loads it into the shared database).
     */
    public static Settings secondNodeForTests(Settings first) {
        Settings s;
        do {
            s = forTests(first.serverTemplate(), first.ear(), first.keycloak().distribution(),
                    first.keycloak().realmFiles(), first.workDir());
        } while (!Collections.disjoint(ports(first), ports(s)));
        return new Settings(s.serverTemplate(), s.ear(), s.workDir(), s.portOffset(), s.httpPort(),
                s.managementPort(), first.databasePort(), s.smtpPort(), s.submissionPort(), s.imapPort(),
                s.smtpsPort(), s.imapsPort(), first.whitelistPort(), false, first.allowPlaintextAuth(), first.keycloak(),
                first.systemProperties());
    }

    /** Every port a node of these settings listens on (both nodes' ports are picked before either runs). */
    private static Set<Integer> ports(Settings s) {
        Set<Integer> ports = new HashSet<>(List.of(s.smtpPort(), s.submissionPort(), s.imapPort(), s.smtpsPort(),
                s.imapsPort(), s.whitelistPort(), s.keycloak().port()));
        for (int base : WildFlyServer.BASE_PORTS) {
            ports.add(base + s.portOffset());
        }
        return ports;
    }

    public void start() throws Exception {
        // Keycloak takes 10-35 s (a build step on first use): it starts while PostgreSQL and WildFly do.
        if (firstOperator) {
            keycloak.start();
        }
        database.start();
        if (whitelist != null && firstOperator) {
            whitelist.start();
        }
        server.start(settings.ear(), Duration.ofMinutes(5));
        // The scanner marks the EAR deployed before the server resumes, and the mail connector opens
        // its ports only on resume.
        awaitListening(Duration.ofMinutes(1), settings.imapPort(), settings.smtpPort(), settings.submissionPort(),
                settings.smtpsPort(), settings.imapsPort());
        // Only the first operator runs Keycloak and can wait on its process; a peer started by
        // ./mssante peer is another JVM beside an already started first operator, whose Keycloak
        // object never had a process (awaitReady would call that "Keycloak exited").
        if (firstOperator) {
            keycloak.awaitReady(Duration.ofMinutes(3));
        }
    }

    /**
     * Starts the second node (after this platform has started, so schema migrations and demo data are
     * done once), clustered with the first. Stopped by {@link #stopSecondNode()} or {@link #close()}.
     */
    public synchronized WildFlyServer startSecondNode() throws Exception {
        if (secondNodeSettings == null) {
            throw new IllegalStateException("this platform was not given second-node settings");
        }
        if (secondNode == null) {
            WildFlyServer node = node(secondNodeSettings, "wildfly-2")
                    .systemProperty("jboss.tx.node.id", "mssante-2")
                    .clusterPeer("127.0.0.1", settings.httpPort());
            secondNode = node;
            try {
                node.start(settings.ear(), Duration.ofMinutes(5));
                awaitListening(Duration.ofMinutes(1), secondNodeSettings.imapPort(),
                        secondNodeSettings.smtpPort(), secondNodeSettings.submissionPort(),
                        secondNodeSettings.smtpsPort(), secondNodeSettings.imapsPort());
            } catch (Exception e) {
                stopSecondNode();
                throw e;
            }
        }
        return secondNode;
    }

    /** Stops this operator's WildFly only (its database, Keycloak and whitelist publication keep running). */
    public void stopServer() {
        server.stop();
    }

    /** Starts this operator's WildFly again after {@link #stopServer()}, and waits for its mail ports. */
    public void startServer() throws Exception {
        server.start(settings.ear(), Duration.ofMinutes(5));
        awaitListening(Duration.ofMinutes(1), settings.imapPort(), settings.smtpPort(), settings.submissionPort(),
                settings.smtpsPort(), settings.imapsPort());
    }

    private static void awaitListening(Duration timeout, int... ports) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int port : ports) {
            while (FreePorts.isFree(port)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("nothing listening on 127.0.0.1:" + port + " after " + timeout);
                }
                Thread.sleep(100);
            }
        }
    }

    public synchronized void stopSecondNode() {
        if (secondNode != null) {
            secondNode.stop();
            secondNode = null;
        }
    }

    /** The second node's settings, or null when this platform has a single node. */
    public Settings secondNodeSettings() {
        return secondNodeSettings;
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    public EmbeddedDatabase database() {
        return database;
    }

    public WildFlyServer server() {
        return server;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The CA that signed the server certificate and that client certificates must come from: the dev CA
     * (import it in a mail client; {@link DevCertificates#issueClient} issues client certificates), or
     * the {@code MSSANTE_TLS_CLIENT_TRUST} given.
     */
    public Path caCertificate() {
        return Path.of(tls.clientTrust());
    }

    /** The development PKI, null when the TLS material came from MSSANTE_TLS_* variables. */
    public DevCertificates devCertificates() {
        return tls.dev();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + settings.httpPort();
    }

    @Override
    public void close() throws Exception {
        stopSecondNode();
        server.stop();
        if (firstOperator) {
            if (whitelist != null) {
                whitelist.close();
            }
            keycloak.stop();
        }
        database.stop();
    }

    /**
     * Where WildFly's TLS material comes from: {@code MSSANTE_TLS_CERTIFICATE}, {@code MSSANTE_TLS_PRIVATE_KEY}
     * and {@code MSSANTE_TLS_CLIENT_TRUST} when the certificate is given, else the development PKI, created
     * in {@code directory} on first use.
     */
    private record Tls(String certificate, String privateKey, String clientTrust, DevCertificates dev) {

        static Tls of(Path directory) {
            String certificate = System.getenv("MSSANTE_TLS_CERTIFICATE");
            if (certificate != null && !certificate.isBlank()) {
                return new Tls(certificate, System.getenv().getOrDefault("MSSANTE_TLS_PRIVATE_KEY", ""),
                        System.getenv().getOrDefault("MSSANTE_TLS_CLIENT_TRUST", ""), null);
            }
            try {
                DevCertificates dev = DevCertificates.in(directory);
                return new Tls(dev.serverCertificate().toString(), dev.serverKey().toString(),
                        dev.caCertificate().toString(), dev);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
