package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static fr.mssante.it.Identities.DOMAIN;
import static fr.mssante.it.Identities.DR_MARTIN;
import static fr.mssante.it.MailWire.last;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MX (port 25, service {@code mx}) refuses at MAIL FROM a reverse-path in a domain hosted here: our
 * own senders authenticate on submission, so such mail on the MX is an impersonation (issue 9, ADR 0015).
 * The platform runs with the default {@code mssante.mx.policy=enforce}.
 */
@ExtendWith(PlatformExtension.class)
class MxSenderPolicyIT {

    private final LocalPlatform platform;
    private final RestClient operator;

    MxSenderPolicyIT(LocalPlatform platform) {
        this.platform = platform;
        this.operator = RestClient.asOperator(platform);
    }

    @Test
    void a_hosted_sender_is_refused_at_mail_from_audited_and_nothing_is_delivered() throws Exception {
        String spoofed = "usurpateur-" + UUID.randomUUID().toString().substring(0, 8) + "@" + DOMAIN.toUpperCase();
        String subject = "Usurpation " + UUID.randomUUID();
        try (MailWire smtp = MailWire.plain(platform.settings().smtpPort())) {
            smtp.line();
            assertThat(last(smtp.smtp("EHLO spoofer.example"))).startsWith("250");
            String refusal = last(smtp.smtp("MAIL FROM:<" + spoofed + ">"));
            assertThat(refusal).startsWith("550 5.7.1 ").containsIgnoringCase(spoofed)
                    .contains("authenticating on submission");
            assertThat(last(smtp.smtp("RCPT TO:<" + DR_MARTIN + ">"))).as("no transaction was opened").startsWith("503");
            assertThat(last(smtp.smtp("DATA"))).startsWith("503");
            // A client that ignores the refusals and writes its message anyway only gets commands refused.
            assertThat(last(smtp.smtp("Subject: " + subject))).startsWith("5");
            assertThat(last(smtp.smtp("."))).startsWith("5");
            smtp.smtp("QUIT");
        }

        JsonObject event = awaitAudit(spoofed);
        assertThat(event.getString("actor")).startsWith("mx:");
        assertThat(event.getString("details")).contains("outcome=refused").contains("client=").contains("sender=")
                .contains("reason=").contains("policy=enforce");

        // A later foreign message arrives: the spoofed one, had it been taken, would be in the inbox by then.
        String marker = "Après usurpation " + UUID.randomUUID();
        assertThat(send(TestPeerOperator.address("labo"), marker)).startsWith("250");
        operator.awaitSubject(DR_MARTIN, marker);
        assertThat(operator.inbox(DR_MARTIN).toString()).doesNotContain(subject);
    }

    @Test
    void a_foreign_sender_is_accepted_and_delivered() throws Exception {
        String subject = "Résultats " + UUID.randomUUID();
        assertThat(send(TestPeerOperator.address("labo"), subject)).startsWith("250");
        operator.awaitSubject(DR_MARTIN, subject);
    }

    @Test
    void the_null_reverse_path_of_a_bounce_is_accepted() throws Exception {
        String subject = "Non remis " + UUID.randomUUID();
        assertThat(send("", subject)).startsWith("250");
        operator.awaitSubject(DR_MARTIN, subject);
    }

    /** One message to Dr Martin over the MX, as the peer operator of the trust space (ADR 0017); the reply to the final dot. */
    private String send(String reversePath, String subject) throws Exception {
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

    private JsonObject awaitAudit(String sender) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            Optional<JsonObject> event = operator.get("/api/v1/audit?type=MX_SENDER_REFUSED&size=500").json()
                    .getJsonArray("items").stream().map(JsonValue::asJsonObject)
                    .filter(e -> e.getString("details").toLowerCase().contains(sender.toLowerCase())).findFirst();
            if (event.isPresent()) {
                return event.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no MX_SENDER_REFUSED audit event for " + sender);
    }
}
