package fr.mssante.it;

import fr.mssante.devstack.FreePorts;
import fr.mssante.devstack.LocalPlatform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's HAProxy, the load balancer production puts in front of the mail ports, in TCP mode: one
 * frontend on 127.0.0.1 per platform port, each relaying to the platform from
 * {@link LocalPlatform#TEST_PROXY_SOURCE} with {@code send-proxy-v2} (ADR 0023), optionally with health
 * checks, which HAProxy sends with a LOCAL header. A real peer rather than a simulation: its headers are the
 * ones the platform will get in production. Its stats socket tells what its checks found.
 */
final class HaProxy implements AutoCloseable {

    static final Path PROGRAM = Path.of("/usr/sbin/haproxy");

    /** A platform port to put HAProxy in front of, with the lines of its health check (none: no check). */
    record Backend(int port, String... check) {
    }

    private final Process process;
    private final Map<String, Integer> frontends;
    private final Path statsSocket;

    private HaProxy(Process process, Map<String, Integer> frontends, Path statsSocket) {
        this.process = process;
        this.frontends = frontends;
        this.statsSocket = statsSocket;
    }

    /**
     * Starts HAProxy with a frontend for each named platform port and waits until all of them listen.
     *
     * @param backends  name of the service (for {@link #port}) to the platform's port it relays to
     * @param directory for the configuration, the log and the stats socket; relative, so that the socket's
     *                  path stays within the 108 octets of a UNIX socket address
     */
    static HaProxy inFrontOf(Map<String, Backend> backends, Path directory) throws IOException, InterruptedException {
        if (!Files.isExecutable(PROGRAM)) {
            throw new IllegalStateException(PROGRAM + " is missing: run .ci/install-debian (as root) to install"
                    + " the Debian packages the tests drive (.ci/debian-packages)");
        }
        Map<String, Integer> frontends = new LinkedHashMap<>();
        Path statsSocket = directory.resolve("stats.sock");
        StringBuilder config = new StringBuilder("global\n    maxconn 200\n    stats socket unix@" + statsSocket + "\n")
                .append("""
                        defaults
                            mode tcp
                            timeout connect 5s
                            timeout client 2m
                            timeout server 2m
                        """);
        backends.forEach((name, backend) -> {
            int port = FreePorts.pick();
            frontends.put(name, port);
            config.append("listen ").append(name).append('\n')
                    .append("    bind 127.0.0.1:").append(port).append('\n');
            for (String line : backend.check()) {
                config.append("    ").append(line).append('\n');
            }
            config.append("    server platform 127.0.0.1:").append(backend.port())
                    .append(" source ").append(LocalPlatform.TEST_PROXY_SOURCE).append(" send-proxy-v2")
                    .append(backend.check().length > 0 ? " check inter 1s\n" : "\n");
        });
        Files.createDirectories(directory);
        Path file = directory.resolve("haproxy.cfg");
        Files.writeString(file, config);
        Process process = new ProcessBuilder(PROGRAM.toString(), "-db", "-f", file.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("haproxy.log").toFile())
                .start();
        HaProxy haProxy = new HaProxy(process, Map.copyOf(frontends), statsSocket);
        haProxy.awaitListening(Duration.ofSeconds(20), directory.resolve("haproxy.log"));
        return haProxy;
    }

    /** The port of the frontend in front of the platform's {@code name} service. */
    int port(String name) {
        return frontends.get(name);
    }

    /**
     * Waits until the health check of the server behind {@code name} reports {@code expected} (HAProxy's
     * {@code check_status}, e.g. {@code L7OK}) and returns the last status seen.
     */
    String awaitCheckStatus(String name, String expected, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String status = checkStatus(name);
        while (!expected.equals(status) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = checkStatus(name);
        }
        return status;
    }

    /** {@code check_status} of the server behind {@code name}, from {@code show stat} on the stats socket. */
    private String checkStatus(String name) throws IOException {
        String csv;
        try (SocketChannel stats = SocketChannel.open(UnixDomainSocketAddress.of(statsSocket))) {
            stats.write(ByteBuffer.wrap("show stat\n".getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (stats.read(buffer) >= 0) {
                out.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            csv = out.toString(StandardCharsets.US_ASCII);
        }
        List<String> lines = csv.lines().toList();
        List<String> columns = List.of(lines.get(0).replaceFirst("^# ", "").split(","));
        int column = columns.indexOf("check_status");
        return lines.stream().map(line -> line.split(",", -1))
                .filter(fields -> fields.length > column && fields[0].equals(name) && fields[1].equals("platform"))
                .map(fields -> fields[column])
                .findFirst().orElseThrow(() -> new IllegalStateException("no server " + name + "/platform in " + csv));
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
