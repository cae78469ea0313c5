package fr.mssante.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the configured WildFly (built by this module in {@code target/server}) as a child process with
 * the platform EAR deployed: copies the template into a home of its own, drops the EAR into the
 * deployment scanner's folder and waits for the scanner's {@code .deployed} marker.
 */
public final class WildFlyServer implements AutoCloseable {

    public static final String EAR_NAME = "mssante.ear";
    /** Socket bindings of standalone-full.xml that a port offset moves. */
    public static final int[] BASE_PORTS = {8080, 8443, 9990, 9993, 8009, 4712, 4713, 3528, 3529};
    /** The configuration of a node without peers: no broker cluster. */
    public static final String SINGLE_NODE_CONFIG = "standalone-full.xml";
    /** Built by wildfly-config from the same scripts plus src/main/cli/cluster: broker cluster with a peer. */
    public static final String CLUSTER_NODE_CONFIG = "standalone-full-cluster.xml";

    private final Path template;
    private final Path home;
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final int portOffset;
    private String serverConfig = SINGLE_NODE_CONFIG;
    private String bindAddress = "127.0.0.1";
    /** {@code ip netns exec <namespace>} before the launch script, or nothing. */
    private List<String> launchPrefix = List.of();
    private String javaOptions =
            "-Xms256m -Xmx1g -XX:MaxMetaspaceSize=512m -Djava.net.preferIPv4Stack=true -Djava.awt.headless=true";
    private Process process;

    /**
     * @param template   a configured server (wildfly-config/target/server)
     * @param home       where this instance lives; refreshed from the template, its data dir is kept
     * @param portOffset WildFly's jboss.socket.binding.port-offset
     */
    public WildFlyServer(Path template, Path home, int portOffset) {
        this.template = template;
        this.home = home;
        this.portOffset = portOffset;
    }

    public WildFlyServer systemProperties(Map<String, String> properties) {
        systemProperties.putAll(properties);
        return this;
    }

    public WildFlyServer systemProperty(String name, String value) {
        systemProperties.put(name, value);
        return this;
    }

    /**
     * Makes this node's broker join a cluster with the node whose HTTP port (offset included) is
     * {@code peerHttpPort}, through the cluster configuration (src/main/cli/cluster). Call before
     * {@link #start}. Without it the node runs the single-node configuration.
     */
    public WildFlyServer clusterPeer(String peerHost, int peerHttpPort) {
        serverConfig = CLUSTER_NODE_CONFIG;
        return systemProperty("mssante.cluster.peer.host", peerHost)
                .systemProperty("mssante.cluster.peer.port", Integer.toString(peerHttpPort));
    }

    /**
     * Makes this node's broker join a cluster through two peers (src/main/cli/cluster): with three nodes each
     * naming the two others, a node still finds the cluster when one of them is down. Call before {@link #start}.
     */
    public WildFlyServer clusterPeers(String peerHost, int peerHttpPort, String secondPeerHost, int secondPeerHttpPort) {
        return clusterPeer(peerHost, peerHttpPort)
                .systemProperty("mssante.cluster.peer2.host", secondPeerHost)
                .systemProperty("mssante.cluster.peer2.port", Integer.toString(secondPeerHttpPort));
    }

    /**
     * Runs the server in network namespace {@code namespace} ({@link NetworkNamespaces}), every interface
     * (HTTP, management, mail ports) bound to {@code address}, as a separate host would. Call before {@link #start}.
     */
    public WildFlyServer inNetworkNamespace(String namespace, String address) {
        launchPrefix = List.of("ip", "netns", "exec", namespace);
        bindAddress = address;
        return systemProperty("mssante.bind.address", address);
    }

    /** The JVM options (default: 1 GiB heap), e.g. a smaller heap for the nodes of a cluster test. */
    public WildFlyServer javaOptions(String options) {
        javaOptions = options;
        return this;
    }

    public String bindAddress() {
        return bindAddress;
    }

    public int httpPort() {
        return Integer.parseInt(systemProperties.getOrDefault("jboss.http.port", "8080")) + portOffset;
    }

    public int managementPort() {
        return Integer.parseInt(systemProperties.getOrDefault("jboss.management.http.port", "9990")) + portOffset;
    }

    public Path home() {
        return home;
    }

    public Path serverLog() {
        return home.resolve("standalone/log/server.log");
    }

    /** Copies the template (keeping any persistent data), deploys the EAR and starts the server. */
    public void start(Path ear, Duration deploymentTimeout) throws IOException, InterruptedException {
        refreshFromTemplate();
        Path deployments = home.resolve("standalone/deployments");
        for (String marker : List.of(".deployed", ".failed", ".isdeploying", ".pending", ".undeployed")) {
            Files.deleteIfExists(deployments.resolve(EAR_NAME + marker));
        }
        Files.copy(ear, deployments.resolve(EAR_NAME), StandardCopyOption.REPLACE_EXISTING);

        List<String> command = new ArrayList<>(launchPrefix);
        command.addAll(List.of(
                home.resolve("bin/standalone.sh").toString(),
                "-c", serverConfig,
                "-b", bindAddress, "-bmanagement", bindAddress,
                "-Djboss.socket.binding.port-offset=" + portOffset));
        systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("console.log").toFile());
        // Lets standalone.sh forward SIGTERM to the JVM, so a stop is a graceful shutdown.
        pb.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        pb.environment().putIfAbsent("JAVA_OPTS", javaOptions);
        process = pb.start();
        awaitDeployment(deployments, deploymentTimeout);
    }

    private void awaitDeployment(Path deployments, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(deployments.resolve(EAR_NAME + ".deployed"))) {
                return;
            }
            if (Files.exists(deployments.resolve(EAR_NAME + ".failed"))) {
                throw new IllegalStateException("deployment of " + EAR_NAME + " failed: "
                        + Files.readString(deployments.resolve(EAR_NAME + ".failed")) + " (see " + serverLog() + ")");
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("WildFly exited with " + process.exitValue() + " (see "
                        + home.resolve("console.log") + ")");
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("WildFly did not deploy " + EAR_NAME + " within " + timeout
                + " (see " + serverLog() + ")");
    }

    /** Graceful stop (SIGTERM), then forced after a minute. */
    public void stop() {
        if (process == null) {
            return;
        }
        // standalone.sh forwards SIGTERM to the JVM (LAUNCH_JBOSS_IN_BACKGROUND).
        ChildProcesses.stop(process, false, Duration.ofMinutes(1));
        process = null;
    }

    /**
     * A crash: SIGKILL to the JVM and the launch script at once, no shutdown hook, no graceful anything
     * (what {@code kill -9} of the server does). Its data (broker journal, transaction log) stays as the crash
     * left it.
     */
    public void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = process.descendants().toList();
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        for (ProcessHandle p : tree) {
            p.onExit().join();
        }
        process = null;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    private void refreshFromTemplate() throws IOException {
        if (!Files.isDirectory(template.resolve("bin"))) {
            throw new IllegalStateException("no configured WildFly at " + template + ": build wildfly-config first");
        }
        Path stamp = home.resolve(".template-stamp");
        String expected = Long.toString(Files.getLastModifiedTime(
                template.resolve("standalone/configuration/standalone-full.xml")).toMillis());
        if (Files.exists(stamp) && Files.readString(stamp).equals(expected)) {
            return;
        }
        // Replace everything but standalone/data: the Artemis journal holds accepted, undelivered mail.
        Files.createDirectories(home);
        try (var entries = Files.list(home)) {
            for (Path p : entries.toList()) {
                if (!p.getFileName().toString().equals("standalone")) {
                    Directories.delete(p);
                }
            }
        }
        Directories.copy(template, home, home.resolve("standalone/data"));
        Files.writeString(stamp, expected);
    }
}
