package fr.mssante.connector.imap;

import fr.mssante.connector.api.auth.AuthOutcome;
import fr.mssante.connector.server.TestThreads;
import fr.mssante.connector.tls.ServerTls;
import fr.mssante.connector.tls.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IMAP over TLS on real sockets: STARTTLS (RFC 3501 section 6.2.1) and the capabilities it changes,
 * implicit TLS (RFC 8314), and the verified client certificate as the listener sees it. Plaintext
 * authentication is off, as in production.
 */
class ImapTlsTest {

    @TempDir
    static Path pkiDirectory;
    @TempDir
    Path spoolDirectory;

    private static TestPki pki;
    private final FakeImapStore store = new FakeImapStore();
    private TestThreads threads;
    private ImapServer server;

    @BeforeAll
    static void issueCertificates() {
        pki = TestPki.create(pkiDirectory, "MSSante test CA");
    }

    @BeforeEach
    void start() throws IOException {
        threads = new TestThreads(4);
        server = start(0);
    }

    /** @param implicitTlsPort 0 for none */
    private ImapServer start(int implicitTlsPort) throws IOException {
        ImapServer started = new ImapServer(ImapTestConfigs.builder(spoolDirectory).allowPlaintextAuth(false)
                .tls(ServerTls.create(pki.serverSettings())).implicitTlsPort(implicitTlsPort).build(),
                threads.eventLoops(), ImapServer.invoker(threads.workers(), 4, call -> call.apply(store)));
        started.start();
        return started;
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ofSeconds(1));
        threads.close();
    }

    @Test
    void startTlsChangesTheCapabilities() throws IOException {
        try (ImapTestClient client = new ImapTestClient(server.localAddress())) {
            assertThat(client.readLine()).contains(" STARTTLS ").contains("LOGINDISABLED").doesNotContain("AUTH=PLAIN");
            assertThat(client.status("LOGIN " + FakeImapStore.ALICE + " " + FakeImapStore.PASSWORD))
                    .startsWith("NO [PRIVACYREQUIRED]");
            assertThat(client.status("STARTTLS")).isEqualTo("OK Begin TLS negotiation now");
            client.startTls(pki.clientContext("TLS", null));
            assertThat(client.command("CAPABILITY").get(0)).startsWith("* CAPABILITY IMAP4rev1 ")
                    .contains("AUTH=PLAIN").doesNotContain("STARTTLS").doesNotContain("LOGINDISABLED");
            assertThat(client.status("STARTTLS")).isEqualTo("BAD TLS already active");
            assertThat(client.status("LOGIN " + FakeImapStore.ALICE + " " + FakeImapStore.PASSWORD)).startsWith("OK ");
        }
        assertThat(store.authenticator.lastConnection.tls()).isTrue();
        assertThat(store.authenticator.lastConnection.clientCertificate()).isNull();
    }

    /** CVE-2011-0411: a command sent behind STARTTLS in clear is not executed, over TLS or otherwise. */
    @Test
    void commandsPipelinedAfterStartTlsAreNotExecuted() throws IOException {
        try (ImapTestClient client = new ImapTestClient(server.localAddress())) {
            client.readLine();
            client.queue(("a STARTTLS\r\nb LOGIN " + FakeImapStore.ALICE + " " + FakeImapStore.PASSWORD + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(client.readLine()).startsWith("* BYE ");
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(store.authenticator.lastConnection).isNull();
    }

    @Test
    void startTlsIsRefusedOnceAuthenticated() throws IOException {
        try (ImapTestClient client = new ImapTestClient(server.localAddress())) {
            client.readLine();
            client.status("STARTTLS");
            client.startTls(pki.clientContext("TLS", null));
            client.status("LOGIN " + FakeImapStore.ALICE + " " + FakeImapStore.PASSWORD);
            assertThat(client.command("CAPABILITY").get(0)).doesNotContain("STARTTLS");
            assertThat(client.status("STARTTLS")).startsWith("BAD ");
        }
    }

    @Test
    void startTlsWithArgumentsIsBad() throws IOException {
        try (ImapTestClient client = new ImapTestClient(server.localAddress())) {
            client.readLine();
            assertThat(client.status("STARTTLS now")).startsWith("BAD ");
        }
    }

    @Test
    void aTrustedClientCertificateReachesTheListenerAfterStartTls() throws IOException {
        TestPki.Issued app = pki.client("dpi.hopital-demo.mssante.fr");
        try (ImapTestClient client = new ImapTestClient(server.localAddress())) {
            client.readLine();
            client.status("STARTTLS");
            client.startTls(pki.clientContext("TLS", app));
            assertThat(client.status("LOGIN " + FakeImapStore.ALICE + " " + FakeImapStore.PASSWORD)).startsWith("OK ");
        }
        assertThat(store.authenticator.lastConnection.clientCertificate()).isEqualTo(app.certificate());
    }

    @Test
    void implicitTlsGreetsAfterTheHandshakeAndShowsTheCertificate() throws IOException {
        restartWithImplicitTls();
        TestPki.Issued app = pki.client("dpi.hopital-demo.mssante.fr");
        try (ImapTestClient client = new ImapTestClient(server.tlsLocalAddress(), pki.clientContext("TLS", app))) {
            assertThat(client.readLine()).startsWith("* OK [CAPABILITY IMAP4rev1 ").contains("AUTH=PLAIN")
                    .doesNotContain("STARTTLS").doesNotContain("LOGINDISABLED");
            assertThat(client.status("LOGIN " + FakeImapStore.ALICE + " " + FakeImapStore.PASSWORD)).startsWith("OK ");
        }
        assertThat(store.authenticator.lastConnection.tls()).isTrue();
        assertThat(store.authenticator.lastConnection.clientCertificate()).isEqualTo(app.certificate());
    }

    /**
     * RFC 4422 appendix A: over TLS with a verified client certificate, EXTERNAL is offered first and the
     * listener receives that certificate; after STARTTLS as on the implicit TLS port.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void authenticateExternalWithTheHandshakeCertificate(boolean implicitTls) throws IOException {
        TestPki.Issued app = pki.client("dpi.hopital-demo.mssante.fr");
        store.authenticator.trust(app.certificate());
        SSLContext context = pki.clientContext("TLS", app);
        if (implicitTls) {
            restartWithImplicitTls();
        }
        try (ImapTestClient client = implicitTls ? new ImapTestClient(server.tlsLocalAddress(), context)
                : new ImapTestClient(server.localAddress())) {
            client.readLine();
            if (!implicitTls) {
                assertThat(client.status("AUTHENTICATE EXTERNAL =")).startsWith("NO [PRIVACYREQUIRED] ");
                client.status("STARTTLS");
                client.startTls(context);
            }
            assertThat(client.command("CAPABILITY").get(0)).contains(" AUTH=EXTERNAL AUTH=OAUTHBEARER ");
            assertThat(client.status("AUTHENTICATE EXTERNAL =")).startsWith("OK ");
        }
        assertThat(store.authenticator.lastConnection.tls()).isTrue();
        assertThat(store.authenticator.lastConnection.clientCertificate()).isEqualTo(app.certificate());
        assertThat(store.authenticator.verdicts).containsExactly(AuthOutcome.Status.SUCCESS);
    }

    private void restartWithImplicitTls() throws IOException {
        int port;
        server.stop(Duration.ofSeconds(1));
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        server = start(port);
    }
}
