package fr.mssante.connector.smtp;

import fr.mssante.connector.server.FakeAuthenticator;
import fr.mssante.connector.server.TestThreads;
import fr.mssante.connector.tls.ServerTls;
import fr.mssante.connector.tls.TestPki;
import fr.mssante.connector.tls.TlsSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TLS on real sockets: STARTTLS (RFC 3207), implicit TLS (RFC 8314), and what the server accepts of
 * protocol versions, cipher suites and client certificates. The JVM running these tests has TLS 1.0 and
 * 1.1 re-enabled (surefire argLine, {@code legacy-tls.security}), so a refused legacy handshake is the
 * server configuration's doing, which {@link #aLegacyServerWouldAcceptTheLegacyClient} shows. The servers
 * here use the clients' TLS flavour ({@link ServerTls#create}); the MX's is in {@link MxPeerCertificateTest}.
 */
class SmtpTlsTest {

    @TempDir
    static Path pkiDirectory;
    @TempDir
    Path spoolDirectory;

    private static TestPki pki;
    private static TestPki foreignPki;
    private final FakeSmtpListener listener = new FakeSmtpListener();
    private final TestThreads threads = new TestThreads(4);
    private final List<SmtpServer> servers = new ArrayList<>();

    @BeforeAll
    static void issueCertificates() {
        pki = TestPki.create(pkiDirectory, "MSSante test CA");
        foreignPki = TestPki.create(pkiDirectory, "Unknown CA");
    }

    @AfterEach
    void stopEverything() {
        servers.forEach(server -> server.stop(Duration.ofSeconds(1)));
        threads.close();
    }

    @Test
    void startTlsThenEhloShowsTheStateAfterTls() throws IOException {
        SmtpServer server = start(pki.serverSettings(), false);
        try (SmtpTestClient client = new SmtpTestClient(server.localAddress())) {
            assertThat(client.readLine()).startsWith("220 ");
            assertThat(ehlo(client)).contains("STARTTLS");
            assertThat(client.command("MAIL FROM:<dr.martin@clinique.example.fr>")).startsWith("250 ");
            assertThat(client.command("STARTTLS")).isEqualTo("220 2.0.0 Ready to start TLS");
            client.startTls(pki.clientContext("TLS", null));
            assertThat(client.tlsSession().getProtocol()).isEqualTo("TLSv1.3");
            // RFC 3207 section 4.2: the EHLO and the transaction are forgotten.
            assertThat(client.command("MAIL FROM:<dr.martin@clinique.example.fr>")).startsWith("503 5.5.1 ");
            assertThat(ehlo(client)).doesNotContain("STARTTLS").contains("250 HELP");
            assertThat(client.command("STARTTLS")).startsWith("503 5.5.1 ");
            assertThat(client.command("MAIL FROM:<dr.martin@clinique.example.fr>")).startsWith("250 ");
            assertThat(client.command("RCPT TO:<dr.durand@hopital-demo.mssante.fr>")).startsWith("250 ");
            assertThat(client.command("DATA")).startsWith("354 ");
            assertThat(client.command("Subject: over TLS\r\n\r\nhello\r\n.")).startsWith("250 ");
        }
        assertThat(listener.deliveries).singleElement()
                .satisfies(delivery -> assertThat(delivery.envelope().session().tls()).isTrue());
    }

    /**
     * Submission (RFC 4954, RFC 3207): no AUTH before TLS; after STARTTLS with a verified client certificate,
     * AUTH lists EXTERNAL first (RFC 4422 appendix A) and the listener receives that certificate.
     */
    @Test
    void submissionAuthenticatesWithTheCertificateOfTheHandshake() throws IOException {
        TestPki.Issued app = pki.client("dpi.hopital-demo.mssante.fr");
        listener.authenticator.trust(app.certificate());
        SmtpServer server = start(TestConfigs.builder(spoolDirectory).service("submission")
                .tls(ServerTls.create(pki.serverSettings())));
        try (SmtpTestClient client = new SmtpTestClient(server.localAddress())) {
            client.readLine();
            assertThat(ehlo(client)).contains("STARTTLS").doesNotContain("AUTH");
            assertThat(client.command("AUTH EXTERNAL =")).isEqualTo("530 5.7.0 Must issue a STARTTLS command first");
            assertThat(client.command("STARTTLS")).startsWith("220 ");
            client.startTls(pki.clientContext("TLS", app));
            assertThat(ehlo(client)).contains("250 AUTH EXTERNAL OAUTHBEARER XOAUTH2 PLAIN LOGIN").doesNotContain("STARTTLS");
            assertThat(client.command("AUTH EXTERNAL =")).startsWith("235 2.7.0 ");
            assertThat(client.command("MAIL FROM:<" + FakeAuthenticator.CERTIFICATE_USER + ">")).startsWith("250 ");
        }
        assertThat(listener.authenticator.lastConnection.tls()).isTrue();
        assertThat(listener.authenticator.lastConnection.clientCertificate()).isEqualTo(app.certificate());
    }

    /** On the implicit TLS port the connection is TLS for AUTH from the start (RFC 8314 section 3). */
    @Test
    void submissionOverImplicitTlsOffersAuthAtOnce() throws IOException {
        SmtpServer server = start(TestConfigs.builder(spoolDirectory).service("submission")
                .tls(ServerTls.create(pki.serverSettings())).implicitTls(true));
        try (SmtpTestClient client = new SmtpTestClient(server.localAddress(), pki.clientContext("TLS", null))) {
            client.readLine();
            assertThat(ehlo(client)).contains("250 AUTH OAUTHBEARER XOAUTH2 PLAIN LOGIN").doesNotContain("EXTERNAL");
            // Base64 of "\0dr.durand@hopital-demo.mssante.fr\0secret".
            assertThat(client.command("AUTH PLAIN AGRyLmR1cmFuZEBob3BpdGFsLWRlbW8ubXNzYW50ZS5mcgBzZWNyZXQ="))
                    .startsWith("235 2.7.0 ");
        }
        assertThat(listener.authenticator.lastConnection.tls()).isTrue();
        assertThat(listener.authenticator.lastConnection.clientCertificate()).isNull();
    }

    @Test
    void startTlsWithArgumentsIsASyntaxError() throws IOException {
        SmtpServer server = start(pki.serverSettings(), false);
        try (SmtpTestClient client = new SmtpTestClient(server.localAddress())) {
            client.readLine();
            assertThat(client.command("STARTTLS now")).isEqualTo("501 5.5.4 Syntax: STARTTLS");
        }
    }

    /** CVE-2011-0411: what follows STARTTLS in the same packet is neither executed nor carried into TLS. */
    @Test
    void commandsPipelinedAfterStartTlsAreNotExecuted() throws IOException {
        SmtpServer server = start(pki.serverSettings(), false);
        try (SmtpTestClient client = new SmtpTestClient(server.localAddress())) {
            client.readLine();
            ehlo(client);
            client.queue("STARTTLS\r\nMAIL FROM:<injected@example.org>\r\nRCPT TO:<dr.durand@hopital-demo.mssante.fr>\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(client.readReply()).startsWith("421 4.7.0 ");
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(listener.checkedRecipients).isEmpty();
    }

    @Test
    void startTlsIsNotOfferedWithoutTls() throws IOException {
        SmtpServer server = start(null, false);
        try (SmtpTestClient client = new SmtpTestClient(server.localAddress())) {
            client.readLine();
            assertThat(ehlo(client)).doesNotContain("STARTTLS");
            assertThat(client.command("STARTTLS")).isEqualTo("454 4.7.0 TLS not available");
        }
    }

    @Test
    void implicitTlsGreetsAfterTheHandshake() throws IOException {
        SmtpServer server = start(pki.serverSettings(), true);
        try (SmtpTestClient client = new SmtpTestClient(server.localAddress(), pki.clientContext("TLS", null))) {
            assertThat(client.readLine()).startsWith("220 " + TestConfigs.HOSTNAME + " ESMTP");
            assertThat(ehlo(client)).doesNotContain("STARTTLS");
            assertThat(client.command("STARTTLS")).startsWith("503 5.5.1 ");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1", "TLSv1.1"})
    void legacyProtocolsAreRefused(String protocol) throws IOException {
        SmtpServer server = start(pki.serverSettings(), true);
        assertRefused(server, pki.clientContext(protocol, null), "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
    }

    /** The control of the test above: the same client succeeds where the server allows its protocol. */
    @ParameterizedTest
    @ValueSource(strings = {"TLSv1", "TLSv1.1"})
    void aLegacyServerWouldAcceptTheLegacyClient(String protocol) throws IOException {
        SmtpServer server = start(pki.settings(List.of(protocol), List.of("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA")), true);
        try (SmtpTestClient client = new SmtpTestClient(server.localAddress(), pki.clientContext(protocol, null),
                "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA")) {
            assertThat(client.readLine()).startsWith("220 ");
            assertThat(client.tlsSession().getProtocol()).isEqualTo(protocol);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_GCM_SHA256"})
    void aTls12SuiteOutsideTheListIsRefused(String suite) throws IOException {
        SmtpServer server = start(pki.serverSettings(), true);
        assertRefused(server, pki.clientContext("TLSv1.2", null), suite);
    }

    /** The four MSSanté suites on TLS 1.2 (Référentiel #2 ECO.1.1.3), and TLS 1.3. */
    @ParameterizedTest
    @CsvSource({
            "TLSv1.2, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLSv1.2, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLSv1.2, TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "TLSv1.2, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
            "TLSv1.3, TLS_AES_256_GCM_SHA384", "TLSv1.3, TLS_AES_128_GCM_SHA256"})
    void eachConfiguredSuiteWorks(String protocol, String suite) throws IOException {
        SmtpServer server = start(pki.serverSettings(), true);
        try (SmtpTestClient client = new SmtpTestClient(server.localAddress(), pki.clientContext(protocol, null), suite)) {
            assertThat(client.readLine()).startsWith("220 ");
            assertThat(client.tlsSession().getProtocol()).isEqualTo(protocol);
            assertThat(client.tlsSession().getCipherSuite()).isEqualTo(suite);
        }
    }

    @Test
    void tls13ChaChaIsNotInTheDefaultList() throws IOException {
        SmtpServer server = start(pki.serverSettings(), true);
        assertRefused(server, pki.clientContext("TLSv1.3", null), "TLS_CHACHA20_POLY1305_SHA256");
    }

    /** The clients' flavour (submission, IMAP); the MX's lets it through: {@link MxPeerCertificateTest}. */
    @Test
    void aClientCertificateFromAnUnknownCaFailsTheHandshake() throws IOException {
        SmtpServer server = start(pki.serverSettings(), true);
        SSLContext context = pki.clientContext("TLSv1.3", foreignPki.client("intruder"));
        assertThatThrownBy(() -> {
            try (SmtpTestClient client = new SmtpTestClient(server.localAddress(), context)) {
                // TLS 1.3: the client's handshake ends before the server has checked its certificate.
                assertThat(client.readLine()).isEqualTo("<connection closed>");
                throw new SSLException("closed");
            }
        }).isInstanceOfAny(SSLException.class, SocketException.class);
    }

    private SmtpServer start(TlsSettings settings, boolean implicitTls) throws IOException {
        return start(TestConfigs.builder(spoolDirectory)
                .tls(settings == null ? null : ServerTls.create(settings)).implicitTls(implicitTls));
    }

    private SmtpServer start(SmtpServerConfig.Builder config) throws IOException {
        SmtpServer server = new SmtpServer(config.build(),
                threads.eventLoops(), new BoundedListenerInvoker(threads.workers(), 4, call -> call.apply(listener)));
        server.start();
        servers.add(server);
        return server;
    }

    private static String ehlo(SmtpTestClient client) throws IOException {
        client.sendLine("EHLO client.example.fr");
        StringBuilder reply = new StringBuilder();
        String line;
        do {
            line = client.readLine();
            reply.append(line).append('\n');
        } while (line.charAt(3) == '-');
        return reply.toString();
    }

    /** A client handshake offering only {@code suite} must fail (on the handshake or at the first read). */
    private static void assertRefused(SmtpServer server, SSLContext context, String suite) {
        InetSocketAddress address = server.localAddress();
        assertThatThrownBy(() -> {
            try (SmtpTestClient client = new SmtpTestClient(address, context, suite)) {
                client.readLine();
            }
        }).isInstanceOfAny(SSLException.class, SocketException.class);
    }
}
