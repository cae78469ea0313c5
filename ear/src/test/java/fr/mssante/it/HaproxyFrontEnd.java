package fr.mssante.it;

import fr.mssante.devstack.FreePorts;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's HAProxy in front of the cluster test's nodes, as the operator's load balancer: TCP for submission
 * and IMAP with the PROXY protocol v2 from its own source address, which the nodes trust (a connection to a dead node is refused, so HAProxy redispatches it to a live one; health checks
 * take a dead node out within two seconds), HTTP with {@code /health} as the check. Listens on loopback
 * ports of the root namespace, where the test's clients are.
 */
final class HaproxyFrontEnd implements AutoCloseable {

    static final Path HAPROXY = Path.of("/usr/sbin/haproxy");

    private final Process process;
    final int submissionPort;
    final int imapPort;
    final int httpPort;

    private HaproxyFrontEnd(Process process, int submissionPort, int imapPort, int httpPort) {
        this.process = process;
        this.submissionPort = submissionPort;
        this.imapPort = imapPort;
        this.httpPort = httpPort;
    }

    /**
     * @param nodes      the nodes' addresses
     * @param source     the address HAProxy connects to the nodes' mail ports from, with a PROXY v2 header
     * @param submission the nodes' submission port, {@code imap} their IMAP port, {@code http} their HTTP port
     */
    static HaproxyFrontEnd start(Path directory, List<String> nodes, String source, int submission, int imap, int http)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(HAPROXY)) {
            throw new IllegalStateException(HAPROXY + " is missing: run .ci/install-debian (as root) to install haproxy");
        }
        int submissionPort = FreePorts.pick();
        int imapPort = FreePorts.pick();
        int httpPort = FreePorts.pick();
        StringBuilder cfg = new StringBuilder("""
                global
                  maxconn 1000
                defaults
                  mode tcp
                  timeout connect 2s
                  # IMAP IDLE and slow SMTP clients: long idle times (RFC 3501 section 5.4: 30 min autologout)
                  timeout client 30m
                  timeout server 30m
                  retries 3
                  option redispatch
                """);
        String proxied = " source " + source + " send-proxy-v2";
        cfg.append(listener("submission", submissionPort, "roundrobin", nodes, submission, "", proxied));
        cfg.append(listener("imap", imapPort, "leastconn", nodes, imap, "", proxied));
        cfg.append(listener("http", httpPort, "roundrobin", nodes, http, """
                  mode http
                  timeout http-request 10s
                  option httpchk GET /health
                  # a busy node may take more than the check interval to answer
                  timeout check 5s
                  http-check expect status 200
                """, ""));
        Files.createDirectories(directory);
        Path config = directory.resolve("haproxy.cfg");
        Files.writeString(config, cfg);
        Process process = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("haproxy.log").toFile()).start();
        HaproxyFrontEnd frontEnd = new HaproxyFrontEnd(process, submissionPort, imapPort, httpPort);
        frontEnd.awaitListening(Duration.ofSeconds(20), directory.resolve("haproxy.log"));
        return frontEnd;
    }

    /** {@code serverOptions} end each server line; a plain {@code check} there also carries the header (LOCAL). */
    private static String listener(String name, int port, String balance, List<String> nodes, int nodePort, String extra,
                                   String serverOptions) {
        StringBuilder s = new StringBuilder("listen " + name + "\n  bind 127.0.0.1:" + port + "\n  balance " + balance + "\n")
                .append(extra);
        for (int i = 0; i < nodes.size(); i++) {
            s.append("  server node").append(i + 1).append(' ').append(nodes.get(i)).append(':').append(nodePort)
                    .append(" check inter 1s fall 2 rise 2").append(serverOptions).append('\n');
        }
        return s.toString();
    }

    private void awaitListening(Duration timeout, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int port : new int[]{submissionPort, imapPort, httpPort}) {
            while (true) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                    break;
                } catch (IOException notYet) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("HAProxy is not listening on " + port + ": " + Files.readString(log));
                    }
                    Thread.sleep(100);
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
