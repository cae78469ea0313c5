package fr.mssante.connector.imap;

import fr.mssante.connector.server.ProxyHeaders;
import fr.mssante.connector.server.TestThreads;
import fr.mssante.connector.server.TrustedProxies;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The IMAP server behind a trusted load balancer: the application authenticates the header's client. */
class ImapProxyProtocolTest {

    @TempDir
    Path spoolDirectory;

    private final FakeImapStore store = new FakeImapStore();
    private final TestThreads threads = new TestThreads(4);
    private ImapServer server;

    @AfterEach
    void stopEverything() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
        threads.close();
    }

    @Test
    void theApplicationSeesTheHeadersClient() throws IOException {
        start("127.0.0.1/32");
        try (ImapTestClient client = new ImapTestClient(server.localAddress())) {
            client.queue(header("2001:db8::17"));
            assertThat(client.readLine()).startsWith("* OK");
            assertThat(client.status("LOGIN " + FakeImapStore.ALICE + " " + FakeImapStore.PASSWORD)).startsWith("OK");
        }
        assertThat(store.authenticator.lastConnection.clientAddress()).isEqualTo("2001:db8:0:0:0:0:0:17");
    }

    @Test
    void withoutTrustTheClientIsTheTcpPeer() throws IOException {
        start("");
        try (ImapTestClient client = new ImapTestClient(server.localAddress())) {
            assertThat(client.readLine()).startsWith("* OK");
            assertThat(client.status("LOGIN " + FakeImapStore.ALICE + " " + FakeImapStore.PASSWORD)).startsWith("OK");
        }
        assertThat(store.authenticator.lastConnection.clientAddress()).isEqualTo("127.0.0.1");
    }

    private byte[] header(String source) {
        InetSocketAddress local = server.localAddress();
        return ProxyHeaders.proxy(source, 40000, "2001:db8::1", local.getPort());
    }

    private void start(String trusted) throws IOException {
        server = new ImapServer(ImapTestConfigs.builder(spoolDirectory).trustedProxies(TrustedProxies.parse(trusted)).build(),
                threads.eventLoops(), ImapServer.invoker(threads.workers(), 8, call -> call.apply(store)));
        server.start();
    }
}
