package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static fr.mssante.it.Identities.DOMAIN;
import static fr.mssante.it.Identities.DR_MARTIN;
import static fr.mssante.it.Identities.DR_MARTIN_ID;
import static fr.mssante.it.Identities.PRACTITIONER_TEST_PASSWORD;
import static fr.mssante.it.Identities.SECRETARIAT;
import static fr.mssante.it.MailWire.base64;
import static fr.mssante.it.MailWire.last;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 3461 end to end on one platform: a professional submits with NOTIFY, ORCPT, RET and ENVID and finds
 * the RFC 3464 report in their INBOX, as their mail client reads it: sent from {@code <>} by the
 * MAILER-DAEMON, about the recipients who asked for it only, returning the headers only (RET=HDRS).
 */
@ExtendWith(PlatformExtension.class)
class DeliveryStatusNotificationIT {

    private final LocalPlatform platform;

    DeliveryStatusNotificationIT(LocalPlatform platform) {
        this.platform = platform;
    }

    @BeforeAll
    static void practitionerAccount() {
        PlatformSession.keycloak().ensurePractitioner(DR_MARTIN_ID, PRACTITIONER_TEST_PASSWORD);
    }

    @Test
    void a_success_notice_reaches_the_sender_with_the_fields_of_rfc_3464_and_only_the_headers() throws Exception {
        RestClient operator = RestClient.asOperator(platform);
        String sender = "dsn-" + UUID.randomUUID().toString().substring(0, 8) + "@" + DOMAIN;
        RestClient.Reply created = operator.post("/api/v1/mailboxes", "{\"address\":\"" + sender
                + "\",\"type\":\"PER\",\"ownerNationalId\":\"" + DR_MARTIN_ID + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        RestClient practitioner = operator.as(PlatformSession.keycloak().bearer(DR_MARTIN_ID, PRACTITIONER_TEST_PASSWORD));
        RestClient.Reply appPassword = practitioner.post("/api/v1/me/mailboxes/" + sender + "/app-passwords",
                "{\"name\":\"dsn\"}");
        assertThat(appPassword.status()).as(appPassword.body()).isEqualTo(201);
        MailUser user = new MailUser(sender, appPassword.json().getString("password"),
                platform.settings().submissionPort(), platform.settings().imapPort(), platform.caCertificate());

        String subject = "Compte rendu " + UUID.randomUUID();
        String body = "Patient X: résultat confidentiel.";
        try (MailWire smtp = MailWire.submissionStartTls(platform.settings().submissionPort(),
                TestTls.trusting(platform.caCertificate()))) {
            assertThat(last(smtp.smtp("EHLO client.example"))).isNotNull();
            assertThat(last(smtp.smtp("AUTH PLAIN " + base64("\0" + sender + "\0"
                    + appPassword.json().getString("password"))))).startsWith("235");
            // ENVID "lot+42" in xtext (RFC 3461 section 4): '+' is written +2B
            assertThat(last(smtp.smtp("MAIL FROM:<" + sender + "> RET=HDRS ENVID=lot+2B42"))).startsWith("250");
            assertThat(last(smtp.smtp("RCPT TO:<" + SECRETARIAT + "> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;"
                    + SECRETARIAT.toUpperCase()))).startsWith("250");
            assertThat(last(smtp.smtp("RCPT TO:<" + DR_MARTIN + "> NOTIFY=NEVER"))).startsWith("250");
            assertThat(last(smtp.smtp("DATA"))).startsWith("354");
            smtp.sendRaw(("From: <" + sender + ">\r\nTo: <" + SECRETARIAT + ">, <" + DR_MARTIN + ">\r\nSubject: "
                    + subject + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                    + "Content-Transfer-Encoding: 8bit\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.UTF_8));
            assertThat(last(smtp.smtp("."))).startsWith("250");
            smtp.smtp("QUIT");
        }

        List<Long> uids = user.awaitSubject("Remis / Delivery report", Duration.ofSeconds(60));
        assertThat(uids).hasSize(1);
        MimeMessage notice = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(user.raw(uids.get(0))));

        assertThat(notice.getContentType()).startsWith("multipart/report").contains("report-type=delivery-status");
        assertThat(((InternetAddress) notice.getFrom()[0]).getAddress()).startsWith("MAILER-DAEMON@");
        assertThat(notice.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(notice.getHeader("Return-Path", null)).as("sent from the null reverse-path")
                .isIn(null, "<>");
        MimeMultipart parts = (MimeMultipart) notice.getContent();
        assertThat(parts.getCount()).isEqualTo(3);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("message/delivery-status");
        assertThat(parts.getBodyPart(2).getContentType()).startsWith("text/rfc822-headers");

        String status = text(parts.getBodyPart(1));
        assertThat(status).contains("Original-Envelope-Id: lot+42\r\n",
                "Original-Recipient: rfc822;" + SECRETARIAT.toUpperCase() + "\r\n",
                "Final-Recipient: rfc822;" + SECRETARIAT + "\r\n", "Action: delivered\r\n", "Status: 2.0.0\r\n");
        assertThat(status).as("NOTIFY=NEVER").doesNotContain(DR_MARTIN);
        String returned = text(parts.getBodyPart(2));
        assertThat(returned).contains("Subject: " + subject).doesNotContain("confidentiel");

        // No other notice: dr.martin asked for none, and a report never causes another.
        Thread.sleep(2000);
        assertThat(user.uidsWithSubject("")).hasSize(1);
    }

    private static String text(BodyPart part) throws Exception {
        try (InputStream in = part.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
