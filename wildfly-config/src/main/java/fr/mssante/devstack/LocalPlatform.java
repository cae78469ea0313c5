package fr.mssante.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The whole platform on one machine: a private PostgreSQL, Keycloak with the realms of
 * {@code docker/keycloak} (operator realm and Pro Santé Connect stand-in) and a WildFly running the EAR,
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
                           boolean demoData, Keycloak keycloak) {
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

    private final Settings settings;
    private final Settings secondNodeSettings;
    private final EmbeddedDatabase database;
    private final WildFlyServer server;
    private final KeycloakServer keycloak;
    private WildFlyServer secondNode;

    public LocalPlatform(Settings settings) {
        this(settings, null);
    }

    /**
     * @param secondNode ports and home of a second node started by {@link #startSecondNode()} (its
     *                   database port is ignored: both nodes use this platform's database), or null
     */
    public LocalPlatform(Settings settings, Settings secondNode) {
        this.settings = settings;
        this.secondNodeSettings = secondNode;
        this.database = new EmbeddedDatabase(settings.workDir().resolve("pgdata"), settings.databasePort());
        this.keycloak = keycloak(settings);
        // The first node keeps the configured transaction node id (mssante-1 unless MSSANTE_NODE_ID).
        this.server = node(settings, "wildfly");
        if (secondNode != null) {
            server.clusterPeer("127.0.0.1", secondNode.httpPort());
        }
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
                .environment("MSSANTE_PSC_BROKER_REDIRECT_URI",
                        kc.realmUrl(KeycloakServer.OPERATOR_REALM) + "/broker/psc/endpoint")
                .environment("MSSANTE_CONSOLE_URL", "http://127.0.0.1:" + settings.httpPort())
                .environment("MSSANTE_CONSOLE_URL_ALT", "http://localhost:" + settings.httpPort());
    }

    private WildFlyServer node(Settings settings, String home) {
        return new WildFlyServer(settings.serverTemplate(), settings.workDir().resolve(home),
                settings.portOffset())
                .systemProperty("jboss.http.port", Integer.toString(settings.httpPort() - settings.portOffset()))
                .systemProperty("jboss.management.http.port",
                        Integer.toString(settings.managementPort() - settings.portOffset()))
                .systemProperty("mssante.db.url", database.jdbcUrl())
                .systemProperty("mssante.db.user", EmbeddedDatabase.USER)
                .systemProperty("mssante.db.password", EmbeddedDatabase.PASSWORD)
                .systemProperty("mssante.smtp.port", Integer.toString(settings.smtpPort()))
                .systemProperty("mssante.submission.port", Integer.toString(settings.submissionPort()))
                .systemProperty("mssante.imap.port", Integer.toString(settings.imapPort()))
                .systemProperty("mssante.bind.address", "127.0.0.1")
                .systemProperty("mssante.oidc.provider-url", keycloak.realmUrl(KeycloakServer.OPERATOR_REALM))
                .systemProperty("mssante.oidc.issuer", keycloak.realmUrl(KeycloakServer.OPERATOR_REALM))
                .systemProperty("mssante.psc.issuer", keycloak.realmUrl(KeycloakServer.PSC_STAND_IN_REALM))
                .systemProperty("mssante.dev-mode", "true")
                .systemProperty("mssante.demo-data", Boolean.toString(settings.demoData()));
    }

    /**
     * Settings for a test run: every port free on 127.0.0.1, everything under {@code workDir}, a random
     * Keycloak admin password.
     */
    public static Settings forTests(Path serverTemplate, Path ear, Path keycloakDistribution, Path realmFiles,
                                    Path workDir) {
        int offset = FreePorts.pickOffset(WildFlyServer.BASE_PORTS);
        return new Settings(serverTemplate, ear, workDir, offset, 8080 + offset, 9990 + offset,
                FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), true,
                new Keycloak(keycloakDistribution, realmFiles, FreePorts.pick(), UUID.randomUUID().toString()));
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
                s.managementPort(), first.databasePort(), s.smtpPort(), s.submissionPort(), s.imapPort(), false,
                first.keycloak());
    }

    /** Every port a node of these settings listens on (both nodes' ports are picked before either runs). */
    private static Set<Integer> ports(Settings s) {
        Set<Integer> ports = new HashSet<>(List.of(s.smtpPort(), s.submissionPort(), s.imapPort(),
                s.keycloak().port()));
        for (int base : WildFlyServer.BASE_PORTS) {
            ports.add(base + s.portOffset());
        }
        return ports;
    }

    public void start() throws Exception {
        // Keycloak takes 10-35 s (a build step on first use): it starts while PostgreSQL and WildFly do.
        keycloak.start();
        database.start();
        server.start(settings.ear(), Duration.ofMinutes(5));
        // The scanner marks the EAR deployed before the server resumes, and the mail connector opens
        // its ports only on resume.
        awaitListening(Duration.ofMinutes(1), settings.imapPort(), settings.smtpPort(), settings.submissionPort());
        keycloak.awaitReady(Duration.ofMinutes(3));
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
                        secondNodeSettings.smtpPort(), secondNodeSettings.submissionPort());
            } catch (Exception e) {
                stopSecondNode();
                throw e;
            }
        }
        return secondNode;
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

    public String baseUrl() {
        return "http://127.0.0.1:" + settings.httpPort();
    }

    @Override
    public void close() throws Exception {
        stopSecondNode();
        server.stop();
        keycloak.stop();
        database.stop();
    }
}
