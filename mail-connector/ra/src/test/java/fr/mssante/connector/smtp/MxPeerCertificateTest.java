package fr.mssante.connector.smtp;

import fr.mssante.connector.api.smtp.PeerCertificate;
import fr.mssante.connector.api.smtp.SmtpSessionInfo;
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

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.SocketException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MX (port 25) with its TLS flavour for other operators ({@link ServerTls#forOperatorPeers}): every
 * client certificate gets through the handshake, and the application learns in
 * {@link SmtpSessionInfo#peerCertificate()} what it was and whether it verified against the client trust.
 */
class MxPeerCertificateTest {

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

    /**
     * RFC 2253 section 2.1 writes the last RDN of the DER sequence first: TestPki's names are encoded CN first,
     * hence "O=...,CN=...".
     */
    @Test
    void aTrustedCertificateIsReportedTrusted() throws Exception {
        TestPki.Issued peer = pki.client("mx.peer.mssante-test.fr");
        PeerCertificate reported = mailFromAfterStartTls(peer).peerCertificate();
        assertThat(reported.subjectDn()).isEqualTo("O=MSSante tests,CN=mx.peer.mssante-test.fr");
        assertThat(reported.issuerDn()).isEqualTo("O=MSSante tests,CN=MSSante test CA");
        assertThat(reported.sha256Fingerprint()).isEqualTo(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(peer.certificate().getEncoded())));
        assertThat(reported.trusted()).isTrue();
        assertThat(reported.verificationFailure()).isNull();
    }

    @Test
    void aCertificateFromAnotherCaCompletesTheHandshakeAndIsReportedUntrusted() throws IOException {
        PeerCertificate reported = mailFromAfterStartTls(foreignPki.client("intruder.example.org")).peerCertificate();
        assertThat(reported.subjectDn()).isEqualTo("O=MSSante tests,CN=intruder.example.org");
        assertThat(reported.issuerDn()).isEqualTo("O=MSSante tests,CN=Unknown CA");
        assertThat(reported.trusted()).isFalse();
        assertThat(reported.verificationFailure()).contains("PKIX path building failed")
                .doesNotContain("sun.security");
    }

    @Test
    void anExpiredCertificateOfTheTrustedCaIsReportedUntrusted() throws IOException {
        PeerCertificate reported = mailFromAfterStartTls(pki.expiredClient("mx.expired.mssante-test.fr")).peerCertificate();
        assertThat(reported.trusted()).isFalse();
        assertThat(reported.verificationFailure()).contains("validity check failed").contains("NotAfter");
    }

    /** The JDK's TLS client check: an extended key usage without clientAuth does not authenticate a client. */
    @Test
    void aServerOnlyCertificateIsReportedUntrusted() throws IOException {
        PeerCertificate reported = mailFromAfterStartTls(pki.serverOnly("www.peer.mssante-test.fr")).peerCertificate();
        assertThat(reported.trusted()).isFalse();
        assertThat(reported.verificationFailure()).containsIgnoringCase("key usage");
    }

    @Test
    void noCertificateIsReportedAsNone() throws IOException {
        SmtpSessionInfo session = mailFromAfterStartTls(null);
        assertThat(session.tls()).isTrue();
        assertThat(session.tlsProtocol()).isEqualTo("TLSv1.3");
        assertThat(session.peerCertificate()).isNull();
    }

    @Test
    void inClearThereIsNoCertificate() throws IOException {
        SmtpServer server = startMx(pki.serverSettings());
        try (SmtpTestClient client = new SmtpTestClient(server.localAddress())) {
            client.readLine();
            client.command("EHLO mx.peer.mssante-test.fr");
            assertThat(client.command("MAIL FROM:<secretariat@peer.mssante-test.fr>")).startsWith("250 ");
        }
        assertThat(listener.checkedSenders).singleElement()
                .satisfies(session -> assertThat(session.peerCertificate()).isNull());
    }

    /** What the MX knows of the peer reaches every listener call of the session, the delivery included. */
    @Test
    void theCertificateReachesTheDeliveryToo() throws IOException {
        SmtpServer server = startMx(pki.serverSettings());
        try (SmtpTestClient client = new SmtpTestClient(server.localAddress())) {
            client.readLine();
            client.command("EHLO mx.peer.mssante-test.fr");
            assertThat(client.command("STARTTLS")).startsWith("220 ");
            client.startTls(pki.clientContext("TLSv1.2", pki.client("mx.peer.mssante-test.fr")));
            client.command("EHLO mx.peer.mssante-test.fr");
            assertThat(client.command("MAIL FROM:<secretariat@peer.mssante-test.fr>")).startsWith("250 ");
            assertThat(client.command("RCPT TO:<dr.durand@hopital-demo.mssante.fr>")).startsWith("250 ");
            assertThat(client.command("DATA")).startsWith("354 ");
            assertThat(client.command("Subject: peer\r\n\r\nhello\r\n.")).startsWith("250 ");
        }
        SmtpSessionInfo delivered = listener.deliveries.get(0).envelope().session();
        assertThat(delivered.tlsProtocol()).isEqualTo("TLSv1.2");
        assertThat(delivered.peerCertificate().trusted()).isTrue();
        assertThat(delivered.peerCertificate().subjectDn()).isEqualTo("O=MSSante tests,CN=mx.peer.mssante-test.fr");
    }

    /**
     * Référentiel MSSanté: between operators TLS 1.2 with its four suites, or TLS 1.3, even when the settings
     * allow more for the mail clients (here TLS 1.1 and a CBC-SHA1 suite).
     */
    @ParameterizedTest
    @CsvSource({"TLSv1.1, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLSv1.2, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"})
    void theMxAllowsOnlyTheMssanteProtocolsAndSuites(String protocol, String suite) throws IOException {
        List<String> suites = new ArrayList<>(TlsSettings.MSSANTE_TLS12_SUITES);
        suites.add("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
        TlsSettings lax = pki.settings(List.of("TLSv1.3", "TLSv1.2", "TLSv1.1"), suites);
        SSLContext legacyClient = pki.clientContext(protocol, null);

        SmtpServer submission = start(TestConfigs.builder(spoolDirectory).service("submission")
                .tls(ServerTls.create(lax)).implicitTls(true));
        try (SmtpTestClient client = new SmtpTestClient(submission.localAddress(), legacyClient, suite)) {
            assertThat(client.readLine()).as("the control: the clients' flavour allows it").startsWith("220 ");
        }

        SmtpServer mx = start(TestConfigs.builder(spoolDirectory).service("mx")
                .tls(ServerTls.create(lax).forOperatorPeers()).implicitTls(true));
        assertThatThrownBy(() -> {
            try (SmtpTestClient client = new SmtpTestClient(mx.localAddress(), legacyClient, suite)) {
                client.readLine();
            }
        }).isInstanceOfAny(SSLException.class, SocketException.class);
    }

    /** EHLO, STARTTLS presenting {@code certificate} (or none), EHLO, MAIL: the session checkSender saw. */
    private SmtpSessionInfo mailFromAfterStartTls(TestPki.Issued certificate) throws IOException {
        SmtpServer server = startMx(pki.serverSettings());
        try (SmtpTestClient client = new SmtpTestClient(server.localAddress())) {
            client.readLine();
            client.command("EHLO mx.peer.mssante-test.fr");
            assertThat(client.command("STARTTLS")).startsWith("220 ");
            client.startTls(pki.clientContext("TLSv1.3", certificate));
            assertThat(client.command("EHLO mx.peer.mssante-test.fr")).startsWith("250 ");
            assertThat(client.command("MAIL FROM:<secretariat@peer.mssante-test.fr>")).startsWith("250 ");
            assertThat(client.command("MAIL FROM:<secretariat@peer.mssante-test.fr>")).as("still connected")
                    .startsWith("503 ");
        }
        assertThat(listener.checkedSenders).hasSize(1);
        return listener.checkedSenders.get(0);
    }

    private SmtpServer startMx(TlsSettings settings) throws IOException {
        return start(TestConfigs.builder(spoolDirectory).service("mx").tls(ServerTls.create(settings).forOperatorPeers()));
    }

    private SmtpServer start(SmtpServerConfig.Builder config) throws IOException {
        SmtpServer server = new SmtpServer(config.build(),
                threads.eventLoops(), new BoundedListenerInvoker(threads.workers(), 4, call -> call.apply(listener)));
        server.start();
        servers.add(server);
        return server;
    }
}
