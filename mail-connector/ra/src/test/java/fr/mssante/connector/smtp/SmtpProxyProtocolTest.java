package fr.mssante.connector.smtp;

import fr.mssante.connector.server.ProxyHeaders;
import fr.mssante.connector.server.TestThreads;
import fr.mssante.connector.server.TrustedProxies;
import fr.mssante.connector.tls.ServerTls;
import fr.mssante.connector.tls.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SMTP server behind a load balancer that speaks the PROXY protocol v2, over real sockets from
 * 127.0.0.1: trusted, the header's source is the client everywhere the session names it; not trusted,
 * a header is just bytes of a broken SMTP command.
 */
class SmtpProxyProtocolTest {

    private static final String CLIENT = "192.0.2.7";

    @TempDir
    Path spoolDirectory;
    @TempDir
    Path pkiDirectory;

    private final FakeSmtpListener listener = new FakeSmtpListener();
    private final TestThreads threads = new TestThreads(4);
    private final List<SmtpServer> servers = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        servers.forEach(server -> server.stop(Duration.ofSeconds(1)));
        threads.close();
    }

    @Test
    void behindATrustedBalancerTheClientIsTheHeadersSource() throws IOException {
        SmtpServer server = start(TestConfigs.builder(spoolDirectory), "127.0.0.1/32");
        try (SmtpTestClient client = new SmtpTestClient(server.localAddress())) {
            client.queue(header(CLIENT, server));
            assertThat(client.readLine()).startsWith("220 " + TestConfigs.HOSTNAME);
            assertThat(ehlo(client))
                    .isEqualTo("250-" + TestConfigs.HOSTNAME + " Hello client.example.fr [" + CLIENT + "]");
            assertThat(client.command("MAIL FROM:<dr.martin@clinique.example.fr>")).startsWith("250 ");
        }
        assertThat(listener.checkedSenders.get(0).clientAddress()).isEqualTo(CLIENT);
    }

    @Test
    void theGreetingWaitsForTheHeader() throws IOException {
        SmtpServer server = start(TestConfigs.builder(spoolDirectory), "127.0.0.1/32");
        try (SmtpTestClient client = new SmtpTestClient(server.localAddress())) {
            client.readTimeout(500);
            assertThatThrownBy(client::readLine).isInstanceOf(SocketTimeoutException.class);

            client.readTimeout(5000);
            client.queue(header(CLIENT, server));
            assertThat(client.readLine()).startsWith("220 ");
        }
    }

    @Test
    void connectionLimitsCountTheRealClientsNotTheBalancer() throws IOException {
        SmtpServer server = start(TestConfigs.builder(spoolDirectory).maxConnectionsPerIp(1), "127.0.0.1/32");
        try (SmtpTestClient first = new SmtpTestClient(server.localAddress());
             SmtpTestClient other = new SmtpTestClient(server.localAddress());
             SmtpTestClient firstAgain = new SmtpTestClient(server.localAddress())) {
            first.queue(header(CLIENT, server));
            assertThat(first.readLine()).startsWith("220 ");
            other.queue(header("198.51.100.9", server));
            assertThat(other.readLine()).startsWith("220 ");
            firstAgain.queue(header(CLIENT, server));
            assertThat(firstAgain.readLine()).startsWith("421 ");
        }
    }

    @Test
    void aTrustedAddressWithoutAHeaderIsClosedWithoutAGreeting() throws IOException {
        SmtpServer server = start(TestConfigs.builder(spoolDirectory), "127.0.0.1/32");
        try (SmtpTestClient client = new SmtpTestClient(server.localAddress())) {
            client.sendLine("EHLO client.example.fr");
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(listener.checkedSenders).isEmpty();
    }

    @Test
    void aHeaderFromAnUntrustedAddressIsNotBelieved() throws IOException {
        SmtpServer server = start(TestConfigs.builder(spoolDirectory), "127.0.0.5/32");
        try (SmtpTestClient client = new SmtpTestClient(server.localAddress())) {
            // The server speaks first, as to any client.
            assertThat(client.readLine()).startsWith("220 ");
            client.queue(header(CLIENT, server));
            client.sendLine("");
            client.sendLine("EHLO client.example.fr");
            String line;
            do {
                line = client.readLine();
            } while (!line.startsWith("250"));
            assertThat(line).contains("[127.0.0.1]").doesNotContain(CLIENT);
        }
    }

    @Test
    void onAnImplicitTlsPortTheHeaderComesBeforeTheHandshake() throws IOException {
        TestPki pki = TestPki.create(pkiDirectory, "MSSante test CA");
        SmtpServer server = start(TestConfigs.builder(spoolDirectory).service("submission")
                .tls(ServerTls.create(pki.serverSettings())).implicitTls(true), "127.0.0.1/32");
        try (SmtpTestClient client = new SmtpTestClient(server.localAddress())) {
            client.queue(header(CLIENT, server));
            client.send();
            client.startTls(pki.clientContext("TLS", null));
            assertThat(client.readLine()).startsWith("220 " + TestConfigs.HOSTNAME);
            assertThat(ehlo(client)).endsWith("[" + CLIENT + "]");
        }
    }

    /** The first line of the EHLO reply, the one that names the client (RFC 5321 section 4.1.1.1). */
    private static String ehlo(SmtpTestClient client) throws IOException {
        client.sendLine("EHLO client.example.fr");
        String first = client.readLine();
        if (first.charAt(3) == '-') {
            client.readReply();
        }
        return first;
    }

    private static byte[] header(String source, SmtpServer server) {
        InetSocketAddress local = server.localAddress();
        return ProxyHeaders.proxy(source, 51234, local.getAddress().getHostAddress(), local.getPort());
    }

    private SmtpServer start(SmtpServerConfig.Builder config, String trusted) throws IOException {
        SmtpServer server = new SmtpServer(config.trustedProxies(TrustedProxies.parse(trusted)).build(),
                threads.eventLoops(), new BoundedListenerInvoker(threads.workers(), 4, call -> call.apply(listener)));
        server.start();
        servers.add(server);
        return server;
    }
}
