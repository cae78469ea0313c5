package fr.mssante.it;

import fr.mssante.devstack.DevCertificates;
import fr.mssante.devstack.LocalPlatform;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static fr.mssante.it.Identities.DR_MARTIN;
import static fr.mssante.it.Identities.OTHER_DOMAIN;
import static fr.mssante.it.MailWire.last;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MX (port 25) accepts a sender not hosted here only from the MSSanté operator of its domain
 * (issue 9, ADR 0017): TLS with the MSSanté profile, a client certificate from the configured trust (the dev
 * CA here, standing in for IGC-Santé), the sender's domain on the whitelist (the devstack's dev whitelist,
 * which lists the test peer) and the certificate subject that domain declares. Each refusal is a
 * {@code 550 5.7.1} at MAIL FROM and an {@code MX_PEER_REFUSED} audit event. Default policy: enforce.
 */
@ExtendWith(PlatformExtension.class)
class MxPeerPolicyIT {

    private final LocalPlatform platform;
    private final RestClient operator;

    MxPeerPolicyIT(LocalPlatform platform) {
        this.platform = platform;
        this.operator = RestClient.asOperator(platform);
    }

    @Test
    void a_plain_connection_is_refused_asking_for_starttls() throws Exception {
        String sender = uniqueSender(TestPeerOperator.DOMAIN);
        try (MailWire smtp = MailWire.plain(platform.settings().smtpPort())) {
            smtp.line();
            smtp.smtp("EHLO mx." + TestPeerOperator.DOMAIN);
            assertThat(last(smtp.smtp("MAIL FROM:<" + sender + ">"))).startsWith("550 5.7.1 <" + sender + ">: ")
                    .contains("must use STARTTLS");
            assertThat(last(smtp.smtp("RCPT TO:<" + DR_MARTIN + ">"))).as("no transaction was opened").startsWith("503");
        }
        assertThat(awaitAudit(sender).getString("details")).contains("outcome=refused").contains("tls=none")
                .contains("certificate=none").contains("reason=no-tls");
    }

    @Test
    void starttls_without_a_certificate_is_refused() throws Exception {
        String sender = uniqueSender(TestPeerOperator.DOMAIN);
        SSLContext noCertificate = TestTls.trusting(platform.caCertificate());
        try (MailWire smtp = MailWire.smtpStartTls(platform.settings().smtpPort(), noCertificate, "mx.example")) {
            assertThat(last(smtp.smtp("MAIL FROM:<" + sender + ">"))).startsWith("550 5.7.1 ")
                    .contains("no client certificate");
        }
        assertThat(awaitAudit(sender).getString("details")).contains("tls=TLSv1.3/").contains("certificate=none")
                .contains("reason=no-certificate");
    }

    /** The handshake succeeds (the MX never fails it for the certificate): the refusal can say why. */
    @Test
    void a_certificate_from_another_ca_is_refused_as_untrusted(@TempDir Path workDir) throws Exception {
        String sender = uniqueSender(TestPeerOperator.DOMAIN);
        DevCertificates otherCa = DevCertificates.in(workDir.resolve("other-ca"));
        DevCertificates.ClientFiles impostor = otherCa.issueClient("mx.peer.mssante-test.fr", workDir.resolve("impostor"));
        SSLContext context = TestTls.withClientCertificate(platform.caCertificate(), impostor.pkcs12(),
                DevCertificates.CLIENT_PASSWORD.toCharArray());
        try (MailWire smtp = MailWire.smtpStartTls(platform.settings().smtpPort(), context, "mx.example")) {
            assertThat(last(smtp.smtp("MAIL FROM:<" + sender + ">"))).startsWith("550 5.7.1 ")
                    .contains("is not trusted");
        }
        assertThat(awaitAudit(sender).getString("details"))
                .contains("certificate=\"CN=mx.peer.mssante-test.fr,O=MSSante dev,C=FR\"").contains("trusted=false")
                .contains("sha256=").contains("reason=untrusted-certificate");
    }

    @Test
    void a_domain_outside_the_whitelist_is_refused_even_from_an_operator() throws Exception {
        String sender = uniqueSender("clinique-inconnue.fr");
        try (MailWire smtp = MailWire.mxAsPeerOperator(platform)) {
            assertThat(last(smtp.smtp("MAIL FROM:<" + sender + ">"))).startsWith("550 5.7.1 ")
                    .contains("clinique-inconnue.fr is not in the MSSante trust space");
        }
        assertThat(awaitAudit(sender).getString("details")).contains("domain=clinique-inconnue.fr")
                .contains("certificate=\"" + TestPeerOperator.CERTIFICATE_DN + "\"").contains("trusted=true")
                .contains("reason=domain-not-in-trust-space");
    }

    /**
     * A certificate of the trust (the dev CA) whose subject is not the one the whitelist declares for the
     * sender's domain. (The dev whitelist's other domains are hosted here, which ADR 0015 refuses first:
     * shown too.)
     */
    @Test
    void a_certificate_that_is_not_the_domains_operator_is_refused(@TempDir Path workDir) throws Exception {
        String sender = uniqueSender(TestPeerOperator.DOMAIN);
        DevCertificates.ClientFiles other = platform.devCertificates().issueClient("mx.autre-operateur.mssante-test.fr",
                workDir);
        SSLContext context = TestTls.withClientCertificate(platform.caCertificate(), other.pkcs12(),
                DevCertificates.CLIENT_PASSWORD.toCharArray());
        try (MailWire smtp = MailWire.smtpStartTls(platform.settings().smtpPort(), context, "mx.autre-operateur.example")) {
            assertThat(last(smtp.smtp("MAIL FROM:<" + sender + ">"))).startsWith("550 5.7.1 ")
                    .contains("is not the operator certificate the MSSante trust space declares for "
                            + TestPeerOperator.DOMAIN);
        }
        assertThat(awaitAudit(sender).getString("details"))
                .contains("certificate=\"CN=mx.autre-operateur.mssante-test.fr,O=MSSante dev,C=FR\"")
                .contains("reason=not-the-domain-operator");

        try (MailWire smtp = MailWire.mxAsPeerOperator(platform)) {
            assertThat(last(smtp.smtp("MAIL FROM:<" + uniqueSender(OTHER_DOMAIN) + ">"))).startsWith("550 5.7.1 ")
                    .contains("authenticating on submission");
        }
    }

    @Test
    void the_peer_operator_with_its_own_domain_is_delivered() throws Exception {
        String subject = "Opérateur pair " + UUID.randomUUID();
        assertThat(sendAsPeer(TestPeerOperator.address("secretariat"), subject)).startsWith("250");
        operator.awaitSubject(DR_MARTIN, subject);
    }

    @Test
    void a_bounce_from_the_peer_operator_is_accepted() throws Exception {
        String subject = "Non remis " + UUID.randomUUID();
        assertThat(sendAsPeer("", subject)).startsWith("250");
        operator.awaitSubject(DR_MARTIN, subject);
    }

    @Test
    void a_bounce_without_tls_is_refused() throws Exception {
        try (MailWire smtp = MailWire.plain(platform.settings().smtpPort())) {
            smtp.line();
            smtp.smtp("EHLO bounces.example");
            assertThat(last(smtp.smtp("MAIL FROM:<>"))).startsWith("550 5.7.1 <>: ").contains("must use STARTTLS");
        }
    }

    /** One message to Dr Martin as the peer operator; the reply to the final dot. */
    private String sendAsPeer(String reversePath, String subject) throws Exception {
        try (MailWire smtp = MailWire.mxAsPeerOperator(platform)) {
            assertThat(last(smtp.smtp("MAIL FROM:<" + reversePath + ">"))).startsWith("250 2.1.0");
            assertThat(last(smtp.smtp("RCPT TO:<" + DR_MARTIN + ">"))).startsWith("250");
            assertThat(last(smtp.smtp("DATA"))).startsWith("354");
            smtp.send("Subject: " + subject);
            smtp.send("");
            smtp.send("Bonjour.");
            String accepted = last(smtp.smtp("."));
            smtp.smtp("QUIT");
            return accepted;
        }
    }

    private static String uniqueSender(String domain) {
        return "pair-" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;
    }

    /** The MX_PEER_REFUSED event of {@code sender}, as an operator administrator reads it over the audit API. */
    private JsonObject awaitAudit(String sender) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            Optional<JsonObject> event = operator.get("/api/v1/audit?type=MX_PEER_REFUSED&size=500").json()
                    .getJsonArray("items").stream().map(JsonValue::asJsonObject)
                    .filter(e -> e.getString("details").contains("sender=<" + sender + ">")).findFirst();
            if (event.isPresent()) {
                assertThat(event.get().getString("actor")).startsWith("mx:");
                return event.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no MX_PEER_REFUSED audit event for " + sender);
    }
}
