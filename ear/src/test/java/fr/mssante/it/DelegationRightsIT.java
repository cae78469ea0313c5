package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.net.ssl.SSLContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static fr.mssante.it.ApiSecurityIT.assertFieldError;
import static fr.mssante.it.Identities.ADMIN_DEMO;
import static fr.mssante.it.Identities.ADMIN_OTHER;
import static fr.mssante.it.Identities.ADMIN_PASSWORD;
import static fr.mssante.it.Identities.DOMAIN;
import static fr.mssante.it.Identities.DR_MARTIN;
import static fr.mssante.it.Identities.PRACTITIONER_TEST_PASSWORD;
import static fr.mssante.it.MailWire.base64;
import static fr.mssante.it.MailWire.last;
import static fr.mssante.it.RestApiIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delegations administered over the API (ADR 0013) and honoured by the mail servers, over real sockets
 * with real Keycloak tokens: a READ delegate gets every folder read-only and cannot change anything,
 * READ_WRITE may, SEND_AS decides MAIL FROM on submission, and a revocation closes the mailbox to the
 * delegate, open sessions included.
 */
@ExtendWith(PlatformExtension.class)
class DelegationRightsIT {

    private static final String TAGGED_OK = "t\\d+ OK.*";

    private final LocalPlatform platform;
    private final KeycloakClient keycloak = PlatformSession.keycloak();
    private final RestClient adminDemo;
    private final RestClient adminOther;
    private final SSLContext tls;

    DelegationRightsIT(LocalPlatform platform) throws Exception {
        this.platform = platform;
        RestClient operator = RestClient.asOperator(platform);
        this.adminDemo = operator.as(keycloak.bearer(ADMIN_DEMO, ADMIN_PASSWORD));
        this.adminOther = operator.as(keycloak.bearer(ADMIN_OTHER, ADMIN_PASSWORD));
        this.tls = TestTls.trusting(platform.caCertificate());
    }

    @Test
    void rights_are_administered_and_honoured_over_imap_and_submission() throws Exception {
        String mailbox = "equipe-" + UUID.randomUUID().toString().substring(0, 8) + "@" + DOMAIN;
        assertThat(adminDemo.post("/api/v1/mailboxes", "{\"address\":\"" + mailbox + "\",\"type\":\"ORG\"}").status())
                .isEqualTo(201);
        String delegate = "8" + String.format("%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));
        keycloak.ensurePractitioner(delegate, PRACTITIONER_TEST_PASSWORD);
        String subject = "Pour l'équipe " + UUID.randomUUID();
        sendAsDrMartin(mailbox, subject);
        RestClient.asOperator(platform).awaitSubject(mailbox, subject);
        String path = "/api/v1/mailboxes/" + mailbox + "/delegations";

        // Bad input is named field by field.
        assertFieldError(adminDemo.post(path, "{\"nationalId\":\"12\",\"rights\":[\"READ\"]}"), "nationalId", "RPPS");
        assertFieldError(adminDemo.post(path, "{\"nationalId\":\"" + delegate + " \",\"rights\":[\"READ\"]}"),
                "nationalId", "RPPS");
        assertFieldError(adminDemo.post(path, "{\"nationalId\":\"" + delegate + "\",\"rights\":[\"WRITE\"]}"), "rights",
                "unknown right");
        assertFieldError(adminDemo.post(path, "{\"nationalId\":\"" + delegate + "\",\"rights\":[]}"), "rights",
                "at least one");
        // Another establishment's administrator: the mailbox does not exist for them.
        assertProblem(adminOther.post(path, "{\"nationalId\":\"" + delegate + "\",\"rights\":[\"READ\"]}"), 404,
                "no mailbox " + mailbox);
        assertProblem(adminOther.get(path), 404, "no mailbox " + mailbox);

        // READ only.
        RestClient.Reply granted = adminDemo.post(path, "{\"nationalId\":\"" + delegate + "\",\"rights\":[\"READ\"]}");
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        assertThat(rights(granted.json())).containsExactly("READ");
        assertThat(granted.json().getString("grantedBy")).isEqualTo("api:" + ADMIN_DEMO);
        assertThat(adminDemo.get(path).array()).hasSize(1);

        String token = keycloak.token(delegate, PRACTITIONER_TEST_PASSWORD);
        try (MailWire imap = imapAs(mailbox, token)) {
            assertThat(last(imap.imap("SELECT INBOX"))).as("SELECT answered like EXAMINE").contains("OK [READ-ONLY]");
            assertThat(last(imap.imap("UID SEARCH ALL"))).matches(TAGGED_OK);
            assertThat(last(imap.imap("FETCH 1 BODY[]"))).matches(TAGGED_OK);
            assertThat(String.join("\n", imap.imap("FETCH 1 FLAGS"))).as("no implicit \\Seen").doesNotContain("\\Seen");
            assertThat(last(imap.imap("STORE 1 +FLAGS (\\Flagged)"))).startsWith("t").contains(" NO ");
            assertThat(last(imap.imap("EXPUNGE"))).contains(" NO ");
            assertThat(last(imap.imap("COPY 1 INBOX"))).contains("NO [NOPERM]");
            assertThat(last(imap.imap("CREATE Dossiers"))).contains("NO [NOPERM]");
            assertThat(last(imap.imap("APPEND INBOX {15}"))).startsWith("+");
            assertThat(last(imap.imapContinue("Subject: x\r\n\r\nx"))).contains("NO [NOPERM]");
        }
        try (MailWire smtp = submissionAs(mailbox, token)) {
            assertThat(last(smtp.smtp("MAIL FROM:<" + mailbox + ">"))).as("no SEND_AS").startsWith("550 5.7.1");
        }

        // READ_WRITE + SEND_AS: granting again replaces the rights; READ_WRITE carries READ.
        RestClient.Reply widened = adminDemo.post(path, "{\"nationalId\":\"" + delegate
                + "\",\"rights\":[\"READ_WRITE\",\"SEND_AS\"]}");
        assertThat(rights(widened.json())).containsExactlyInAnyOrder("READ", "READ_WRITE", "SEND_AS");
        assertThat(adminDemo.get(path).array()).hasSize(1);
        try (MailWire imap = imapAs(mailbox, token)) {
            assertThat(last(imap.imap("SELECT INBOX"))).contains("OK [READ-WRITE]");
            assertThat(last(imap.imap("STORE 1 +FLAGS (\\Flagged)"))).matches(TAGGED_OK);
            assertThat(last(imap.imap("CREATE Dossiers"))).matches(TAGGED_OK);
            // IDLE reaches the delegate's session too (RFC 2177): events are routed by folder, not principal.
            assertThat(last(imap.imap("IDLE"))).startsWith("+");
            sendAsDrMartin(mailbox, "Pendant l'IDLE " + UUID.randomUUID());
            assertThat(imap.line()).isEqualTo("* 2 EXISTS");
        }
        try (MailWire smtp = submissionAs(mailbox, token)) {
            assertThat(last(smtp.smtp("MAIL FROM:<" + mailbox + ">"))).startsWith("250");
        }

        // Revoked: an open session loses the mailbox at its next command; new logins fail.
        try (MailWire open = imapAs(mailbox, token)) {
            assertThat(adminDemo.delete(path + "/" + delegate).status()).isEqualTo(204);
            assertThat(last(open.imap("STATUS INBOX (MESSAGES)"))).contains("NO [NOPERM]");
        }
        assertProblem(adminDemo.delete(path + "/" + delegate), 404, "no delegation");
        assertThat(adminDemo.get(path).array()).isEmpty();
        try (MailWire imap = imapOverStartTls()) {
            assertThat(last(imap.imap("AUTHENTICATE XOAUTH2 " + xoauth2(mailbox, token)))).startsWith("+");
            assertThat(last(imap.imapContinue(""))).contains("NO [AUTHENTICATIONFAILED]");
        }
        awaitAudit(mailbox, "DELEGATION_REVOKED");
    }

    /** The API's audit search finds the event for this mailbox (events travel through AuditQueue). */
    private void awaitAudit(String mailbox, String type) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            JsonObject page = adminDemo.get("/api/v1/audit?mailbox=" + mailbox + "&type=" + type).json();
            if (page.getJsonNumber("total").longValue() == 1) {
                assertThat(page.getJsonArray("items").getJsonObject(0).getString("actor")).isEqualTo("api:" + ADMIN_DEMO);
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + type + " audit event for " + mailbox);
    }

    private static List<String> rights(JsonObject delegation) {
        return delegation.getJsonArray("rights").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private void sendAsDrMartin(String to, String subject) throws Exception {
        try (MailWire smtp = submissionOverStartTls()) {
            assertThat(last(smtp.smtp("AUTH PLAIN " + base64("\0" + DR_MARTIN + "\0Demo-Mssante-2026")))).startsWith("235");
            assertThat(last(smtp.smtp("MAIL FROM:<" + DR_MARTIN + ">"))).startsWith("250");
            assertThat(last(smtp.smtp("RCPT TO:<" + to + ">"))).startsWith("250");
            assertThat(last(smtp.smtp("DATA"))).startsWith("354");
            assertThat(last(smtp.smtp("From: <" + DR_MARTIN + ">\r\nTo: <" + to + ">\r\nSubject: " + subject
                    + "\r\n\r\nBonjour.\r\n."))).startsWith("250");
        }
    }

    private MailWire imapAs(String mailbox, String token) throws Exception {
        MailWire imap = imapOverStartTls();
        assertThat(last(imap.imap("AUTHENTICATE XOAUTH2 " + xoauth2(mailbox, token)))).matches(TAGGED_OK);
        return imap;
    }

    private MailWire submissionAs(String mailbox, String token) throws Exception {
        MailWire smtp = submissionOverStartTls();
        assertThat(last(smtp.smtp("AUTH XOAUTH2 " + xoauth2(mailbox, token)))).startsWith("235 2.7.0");
        return smtp;
    }

    private MailWire imapOverStartTls() throws Exception {
        return MailWire.imapStartTls(platform.settings().imapPort(), tls);
    }

    private MailWire submissionOverStartTls() throws Exception {
        return MailWire.submissionStartTls(platform.settings().submissionPort(), tls);
    }

    private static String xoauth2(String mailbox, String token) {
        return base64("user=" + mailbox + "\u0001auth=Bearer " + token + "\u0001\u0001");
    }
}
