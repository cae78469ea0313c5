package fr.mssante.it;

import fr.mssante.devstack.FreePorts;
import fr.mssante.devstack.LocalPlatform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's HAProxy, the load balancer production puts in front of the mail ports, in TCP mode: one
 * frontend on 127.0.0.1 per platform port, each relaying to the platform from
 * {@link LocalPlatform#TEST_PROXY_SOURCE} with {@code send-proxy-v2} (ADR 0023). A real peer rather
 * than a simulation: its headers are the ones the platform will get in production.
 */
final class HaProxy implements AutoCloseable {

    static final Path PROGRAM = Path.of("/usr/sbin/haproxy");

    private final Process process;
    private final Map<String, Integer> frontends;

    private HaProxy(Process process, Map<String, Integer> frontends) {
        this.process = process;
        this.frontends = frontends;
    }

    /**
     * Starts HAProxy with a frontend for each named platform port and waits until all of them listen.
     *
     * @param backends name of the service (for {@link #port}) to the platform's port it relays to
     */
    static HaProxy inFrontOf(Map<String, Integer> backends, Path directory) throws IOException, InterruptedException {
        if (!Files.isExecutable(PROGRAM)) {
            throw new IllegalStateException(PROGRAM + " is missing: run .ci/install-debian (as root) to install"
                    + " the Debian packages the tests drive (.ci/debian-packages)");
        }
        Map<String, Integer> frontends = new LinkedHashMap<>();
        StringBuilder config = new StringBuilder("""
                global
                    maxconn 200
                defaults
                    mode tcp
                    timeout connect 5s
                    timeout client 2m
                    timeout server 2m
                """);
        backends.forEach((name, backendPort) -> {
            int port = FreePorts.pick();
            frontends.put(name, port);
            config.append("listen ").append(name).append('\n')
                    .append("    bind 127.0.0.1:").append(port).append('\n')
                    .append("    server platform 127.0.0.1:").append(backendPort)
                    .append(" source ").append(LocalPlatform.TEST_PROXY_SOURCE).append(" send-proxy-v2\n");
        });
        Files.createDirectories(directory);
        Path file = directory.resolve("haproxy.cfg");
        Files.writeString(file, config);
        Process process = new ProcessBuilder(PROGRAM.toString(), "-db", "-f", file.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("haproxy.log").toFile())
                .start();
        HaProxy haProxy = new HaProxy(process, Map.copyOf(frontends));
        haProxy.awaitListening(Duration.ofSeconds(20), directory.resolve("haproxy.log"));
        return haProxy;
    }

    /** The port of the frontend in front of the platform's {@code name} service. */
    int port(String name) {
        return frontends.get(name);
    }

    private void awaitListening(Duration timeout, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int port : frontends.values()) {
            while (!accepts(port)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    close();
                    throw new IllegalStateException("HAProxy did not listen on 127.0.0.1:" + port + ": "
                            + Files.readString(log));
                }
                Thread.sleep(100);
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
