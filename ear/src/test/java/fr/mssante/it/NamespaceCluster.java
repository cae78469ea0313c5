package fr.mssante.it;

import fr.mssante.devstack.DevCertificates;
import fr.mssante.devstack.EmbeddedDatabase;
import fr.mssante.devstack.FreePorts;
import fr.mssante.devstack.LocalPlatform;
import fr.mssante.devstack.NetworkNamespaces;
import fr.mssante.devstack.WildFlyServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Three WildFly nodes with the EAR, each in its own network namespace with its own address (as three hosts
 * would be), their brokers clustered (src/main/cli/cluster, each naming the two others), sharing one
 * PostgreSQL that listens on the bridge, with HAProxy in front ({@link HaproxyFrontEnd}). No Keycloak: mail
 * clients authenticate with app passwords, and the REST API's provider URL points at a closed port of the
 * bridge (elytron-oidc-client resolves it at the first bearer token, which this cluster never gets).
 * Nothing listens outside the machine: the whitelist URL is a closed port too.
 */
final class NamespaceCluster implements AutoCloseable {

    static final String USER = "dr.martin@hopital-demo.mssante.fr";
    static final String APP_PASSWORD = "Demo-Mssante-2026";
    static final int SUBMISSION = 2587;
    static final int IMAP = 2143;
    static final int HTTP = 8080;
    private static final int NODES = 3;
    private static final String JAVA_OPTIONS = "-Xms128m -Xmx512m -XX:MaxMetaspaceSize=384m "
            + "-Djava.net.preferIPv4Stack=true -Djava.awt.headless=true";

    private final Path directory;
    private final Path ear;
    private final NetworkNamespaces hosts;
    private final EmbeddedDatabase database;
    private final List<WildFlyServer> nodes = new ArrayList<>();
    private HaproxyFrontEnd haproxy;

    private NamespaceCluster(Path directory, Path ear, NetworkNamespaces hosts, EmbeddedDatabase database) {
        this.directory = directory;
        this.ear = ear;
        this.hosts = hosts;
        this.database = database;
    }

    /** Starts everything (node 1 first: it migrates the schema and loads the demo data), or cleans up and throws. */
    static NamespaceCluster start(LocalPlatform platform) throws Exception {
        Path directory = platform.settings().workDir().resolve("cluster");
        // "mssc": this test's prefix; whatever a killed earlier run left with it is removed first.
        NetworkNamespaces hosts = NetworkNamespaces.create("mssc", "10.213.7", NODES);
        NamespaceCluster cluster = new NamespaceCluster(directory, platform.settings().ear(), hosts, EmbeddedDatabase.listeningOn(
                directory.resolve("pgdata"), FreePorts.pick(), hosts.gatewayAddress(), hosts.subnetCidr()));
        try {
            cluster.database.start();
            for (int i = 1; i <= NODES; i++) {
                cluster.nodes.add(cluster.node(platform, i));
            }
            Path ear = cluster.ear;
            cluster.nodes.get(0).start(ear, Duration.ofMinutes(5));
            CompletableFuture<?>[] others = cluster.nodes.subList(1, NODES).stream()
                    .map(node -> CompletableFuture.runAsync(() -> startNode(node, ear)))
                    .toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(others).join();
            for (int i = 1; i <= NODES; i++) {
                awaitListening(hosts.address(i), Duration.ofMinutes(1), SUBMISSION, IMAP);
            }
            List<String> addresses = new ArrayList<>();
            for (int i = 1; i <= NODES; i++) {
                addresses.add(hosts.address(i));
            }
            cluster.haproxy = HaproxyFrontEnd.start(directory.resolve("haproxy"), addresses, hosts.balancerAddress(),
                    SUBMISSION, IMAP, HTTP);
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    private static void startNode(WildFlyServer node, Path ear) {
        try {
            node.start(ear, Duration.ofMinutes(5));
        } catch (Exception e) {
            throw new IllegalStateException("node in " + node.home() + " did not start", e);
        }
    }

    private WildFlyServer node(LocalPlatform platform, int i) {
        DevCertificates pki = platform.devCertificates();
        String closedPort = "http://" + hosts.gatewayAddress() + ":1";
        List<Integer> peers = new ArrayList<>(List.of(1, 2, 3));
        peers.remove(Integer.valueOf(i));
        return new WildFlyServer(platform.settings().serverTemplate(), directory.resolve("node-" + i), 0)
                .inNetworkNamespace(hosts.namespace(i), hosts.address(i))
                .clusterPeers(hosts.address(peers.get(0)), HTTP, hosts.address(peers.get(1)), HTTP)
                .javaOptions(JAVA_OPTIONS)
                .systemProperty(LocalPlatform.MODE, LocalPlatform.DEVELOPMENT)
                .systemProperty("jboss.tx.node.id", "mssante-" + i)
                .systemProperty("mssante.hostname", "node-" + i + ".cluster.test")
                // Only HAProxy's connections carry a PROXY v2 header; the test's direct ones come from the gateway.
                .systemProperty("mssante.proxy.trusted", hosts.balancerAddress() + "/32")
                .systemProperty("mssante.db.url", database.networkJdbcUrl())
                .systemProperty("mssante.db.user", EmbeddedDatabase.APP_USER)
                .systemProperty("mssante.db.password", EmbeddedDatabase.APP_PASSWORD)
                .systemProperty("mssante.db.owner-user", EmbeddedDatabase.USER)
                .systemProperty("mssante.db.owner-password", EmbeddedDatabase.PASSWORD)
                .systemProperty("mssante.smtp.port", "2525")
                .systemProperty("mssante.submission.port", Integer.toString(SUBMISSION))
                .systemProperty("mssante.imap.port", Integer.toString(IMAP))
                .systemProperty("mssante.smtps.port", "2465")
                .systemProperty("mssante.imaps.port", "2993")
                .systemProperty("mssante.tls.certificate", pki.serverCertificate().toString())
                .systemProperty("mssante.tls.private-key", pki.serverKey().toString())
                .systemProperty("mssante.tls.client-trust", pki.caCertificate().toString())
                .systemProperty("mssante.auth.allow-plaintext", "false")
                .systemProperty("mssante.oidc.provider-url", closedPort + "/auth/realms/mssante")
                .systemProperty("mssante.oidc.issuer", closedPort + "/auth/realms/mssante")
                .systemProperty("mssante.psc.issuer", closedPort + "/auth/realms/esante-wallet")
                .systemProperty("mssante.whitelist.url", "https://" + hosts.gatewayAddress() + ":1/listeblanchemssante.xml")
                .systemProperty("mssante.demo-data", Boolean.toString(i == 1))
                .systemProperty("mssante.demo.app-certificate", "");
    }

    private static void awaitListening(String host, Duration timeout, int... ports) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int port : ports) {
            while (true) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(host, port), 500);
                    break;
                } catch (IOException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("nothing listening on " + host + ":" + port + " after " + timeout);
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    /** Node {@code i} (1-based). */
    WildFlyServer node(int i) {
        return nodes.get(i - 1);
    }

    String address(int i) {
        return hosts.address(i);
    }

    HaproxyFrontEnd haproxy() {
        return haproxy;
    }

    EmbeddedDatabase database() {
        return database;
    }

    /** {@code kill -9} of node {@code i}: no graceful anything, its journal and transaction log as the crash left them. */
    void kill(int i) throws InterruptedException {
        nodes.get(i - 1).kill();
    }

    /** Starts node {@code i} again after {@link #kill}, with the data (journal, transaction log) the crash left. */
    void restart(int i) throws Exception {
        nodes.get(i - 1).start(ear, Duration.ofMinutes(5));
        awaitListening(hosts.address(i), Duration.ofMinutes(1), SUBMISSION, IMAP);
    }

    @Override
    public void close() throws Exception {
        List<Exception> failures = new ArrayList<>();
        if (haproxy != null) {
            run(failures, haproxy::close);
        }
        for (WildFlyServer node : nodes) {
            run(failures, node::kill);
        }
        run(failures, database::stop);
        run(failures, hosts::close);
        if (!failures.isEmpty()) {
            Exception first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void run(List<Exception> failures, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            failures.add(e);
        }
    }
}
