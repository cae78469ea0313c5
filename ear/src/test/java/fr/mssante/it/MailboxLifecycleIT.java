package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.net.ssl.SSLContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import static fr.mssante.it.Identities.DOMAIN;
import static fr.mssante.it.Identities.DR_MARTIN_ID;
import static fr.mssante.it.Identities.PRACTITIONER_TEST_PASSWORD;
import static fr.mssante.it.MailWire.base64;
import static fr.mssante.it.MailWire.last;
import static fr.mssante.it.RestApiIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Suspend, close and reactivate through the API, and what mail clients and sending servers see over
 * real SMTP and IMAP sockets: a suspended mailbox defers new mail (450 4.2.1) and keeps what it has,
 * a closed one refuses it (550 5.1.1); both refuse logins with the reason (525 5.7.13, NO [CONTACTADMIN]).
 */
@ExtendWith(PlatformExtension.class)
class MailboxLifecycleIT {

    private final LocalPlatform platform;
    private final RestClient operator;
    private final RestClient practitioner;
    private final SSLContext tls;

    MailboxLifecycleIT(LocalPlatform platform) throws Exception {
        this.platform = platform;
        this.operator = RestClient.asOperator(platform);
        this.practitioner = operator.as(PlatformSession.keycloak().bearer(DR_MARTIN_ID, PRACTITIONER_TEST_PASSWORD));
        this.tls = TestTls.trusting(platform.caCertificate());
    }

    @BeforeAll
    static void practitionerAccount() {
        PlatformSession.keycloak().ensurePractitioner(DR_MARTIN_ID, PRACTITIONER_TEST_PASSWORD);
    }

    @Test
    void suspended_and_closed_mailboxes_refuse_logins_and_mail_but_keep_their_content_until_purged() throws Exception {
        String address = "cycle." + UUID.randomUUID().toString().substring(0, 8) + "@" + DOMAIN;
        String path = "/api/v1/mailboxes/" + address;
        assertThat(operator.post("/api/v1/mailboxes", "{\"address\":\"" + address + "\",\"type\":\"PER\","
                + "\"ownerNationalId\":\"" + DR_MARTIN_ID + "\"}").status()).isEqualTo(201);
        try {
            RestClient.Reply created = practitioner.post("/api/v1/me/mailboxes/" + address + "/app-passwords",
                    "{\"name\":\"cycle\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String password = created.json().getString("password");
            String subject = "Avant suspension " + UUID.randomUUID();
            assertThat(rcpt(address, subject)).startsWith("250");
            operator.awaitSubject(address, subject);
            // The app password is now in the verified-credential cache (ADR 0035): the refusals below come
            // within its TTL, so they prove that a cached secret does not outlive the mailbox's status.
            assertThat(imapLogin(address, password)).matches("t\\d+ OK.*");
            assertThat(smtpAuth(address, password)).startsWith("235");

            RestClient.Reply suspended = operator.post(path + "/suspend", "{\"reason\":\"départ en congé\"}");
            assertThat(suspended.status()).as(suspended.body()).isEqualTo(200);
            assertThat(suspended.json().getString("status")).isEqualTo("SUSPENDED");
            assertThat(OffsetDateTime.parse(suspended.json().getString("statusChangedAt")))
                    .isAfter(OffsetDateTime.now().minusMinutes(5));
            assertThat(imapLogin(address, password)).contains("NO [CONTACTADMIN]").contains("suspended");
            assertThat(smtpAuth(address, password)).startsWith("525 5.7.13").contains("suspended");
            assertThat(rcpt(address, "pendant")).startsWith("450 4.2.1");
            assertThat(operator.inbox(address).toString()).as("what it held is kept").contains(subject);
            assertThat(imapLogin(address, "wrong")).as("a wrong password tells nothing more")
                    .contains("NO [AUTHENTICATIONFAILED]");

            assertThat(operator.post(path + "/reactivate", "{}").json().getString("status")).isEqualTo("ACTIVE");
            assertThat(imapLogin(address, password)).matches("t\\d+ OK.*");
            assertThat(smtpAuth(address, password)).startsWith("235");

            RestClient.Reply closed = operator.post(path + "/close", "{\"reason\":\"départ\"}");
            assertThat(closed.json().getString("status")).isEqualTo("CLOSED");
            assertThat(OffsetDateTime.parse(closed.json().getString("purgeAfter")))
                    .isAfter(OffsetDateTime.now().plusDays(80));
            assertThat(rcpt(address, "après")).startsWith("550 5.1.1").contains("closed");
            assertThat(imapLogin(address, password)).contains("NO [CONTACTADMIN]").contains("closed");
            assertProblem(operator.post(path + "/suspend", "{}"), 409, "cannot become SUSPENDED");
        } finally {
            // Left closed: the practitioner's own mailboxes are what other tests count.
            operator.post(path + "/close", "{}");
        }
    }

    /** Hands a message to the MX up to RCPT, and DATA when accepted; the RCPT reply. */
    private String rcpt(String address, String subject) throws Exception {
        try (MailWire smtp = MailWire.mxAsPeerOperator(platform)) {
            assertThat(last(smtp.smtp("MAIL FROM:<" + TestPeerOperator.address("expediteur") + ">"))).startsWith("250");
            String reply = last(smtp.smtp("RCPT TO:<" + address + ">"));
            if (reply.startsWith("250")) {
                assertThat(last(smtp.smtp("DATA"))).startsWith("354");
                smtp.send("Subject: " + subject);
                smtp.send("");
                smtp.send("Bonjour.");
                assertThat(last(smtp.smtp("."))).startsWith("250");
            }
            smtp.smtp("QUIT");
            return reply;
        }
    }

    private String imapLogin(String address, String password) throws Exception {
        try (MailWire imap = MailWire.plain(platform.settings().imapPort())) {
            imap.line();
            assertThat(last(imap.imap("STARTTLS"))).startsWith("t1 OK");
            imap.startTls(tls);
            return last(imap.imap("LOGIN " + address + " " + password));
        }
    }

    private String smtpAuth(String address, String password) throws Exception {
        try (MailWire smtp = MailWire.plain(platform.settings().submissionPort())) {
            smtp.line();
            smtp.smtp("EHLO client.example");
            assertThat(last(smtp.smtp("STARTTLS"))).startsWith("220");
            smtp.startTls(tls);
            smtp.smtp("EHLO client.example");
            return last(smtp.smtp("AUTH PLAIN " + base64("\0" + address + "\0" + password)));
        }
    }
}
