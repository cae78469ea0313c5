package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SMTP in through the resource adapter, JMS through Artemis, mail stored in PostgreSQL, seen over REST. */
@ExtendWith(PlatformExtension.class)
class MailIntakeIT {

    private static final String DOMAIN = "hopital-demo.mssante.fr";
    private static final String DR_MARTIN = "dr.martin@" + DOMAIN;
    private static final String SECRETARIAT = "secretariat.cardio@" + DOMAIN;

    private final LocalPlatform platform;
    private final RestClient rest;

    MailIntakeIT(LocalPlatform platform) {
        this.platform = platform;
        this.rest = RestClient.asOperator(platform);
    }

    @Test
    void a_mail_sent_over_smtp_appears_in_the_inbox_listing() throws Exception {
        int before = rest.inbox(DR_MARTIN).size();
        String subject = "Compte-rendu d'hospitalisation – Mme Dupont " + UUID.randomUUID();
        try (SmtpClient smtp = SmtpClient.asPeerOperator(platform)) {
            smtp.send(smtp.message(TestPeerOperator.address("secretariat"), subject, "Bonjour,\r\nci-joint.", DR_MARTIN));
            assertThat(smtp.lastReply()).matches("250 2\\.0\\.0 Ok: queued as [0-9A-Z]{16}\\s*");
        }

        JsonArray inbox = rest.awaitInbox(DR_MARTIN, before + 1, Duration.ofSeconds(30));
        JsonObject newest = inbox.getJsonObject(0);
        assertThat(newest.getString("subject")).isEqualTo(subject);
        assertThat(newest.getString("from")).contains(TestPeerOperator.address("secretariat"));
        assertThat(newest.getJsonNumber("uid").longValue()).isPositive();
        assertThat(newest.getJsonNumber("size").longValue()).isGreaterThan(100);
        assertThat(newest.getString("date")).isNotBlank();
    }

    @Test
    void a_message_for_two_recipients_is_stored_once_and_delivered_to_both() throws Exception {
        String subject = "Staff de cardiologie " + UUID.randomUUID();
        try (SmtpClient smtp = SmtpClient.asPeerOperator(platform)) {
            smtp.send(smtp.message(TestPeerOperator.address("chef.service"), subject, "Réunion à 14h.", DR_MARTIN, SECRETARIAT));
        }
        rest.awaitSubject(DR_MARTIN, subject);
        rest.awaitSubject(SECRETARIAT, subject);

        try (Connection db = platform.database().connect();
             PreparedStatement q = db.prepareStatement("""
                     SELECT count(DISTINCT m.blob_sha256), count(*), count(DISTINCT f.mailbox_id)
                     FROM message m JOIN folder f ON f.id = m.folder_id
                     JOIN message_content c ON c.blob_sha256 = m.blob_sha256 WHERE c.subject = ?""")) {
            q.setString(1, subject);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("distinct blobs").isEqualTo(1);
                assertThat(rs.getInt(2)).as("copies").isEqualTo(2);
                assertThat(rs.getInt(3)).as("mailboxes").isEqualTo(2);
            }
        }
    }

    @Test
    void delivery_is_audited() throws Exception {
        String subject = "Audit " + UUID.randomUUID();
        String queueId;
        try (SmtpClient smtp = SmtpClient.asPeerOperator(platform)) {
            smtp.send(smtp.message(TestPeerOperator.address("audit"), subject, "x", DR_MARTIN));
            queueId = smtp.lastReply().replaceAll(".*queued as ([0-9A-Z]+).*", "$1").trim();
        }
        rest.awaitSubject(DR_MARTIN, subject);
        long deadline = System.currentTimeMillis() + 15_000;
        int events = 0;
        while (events < 2 && System.currentTimeMillis() < deadline) {
            try (Connection db = platform.database().connect();
                 PreparedStatement q = db.prepareStatement(
                         "SELECT count(*) FROM audit_event WHERE queue_id = ? AND action IN ('SMTP_ACCEPTED','DELIVERED') "
                                 + "AND outcome = 'OK' AND ? = ANY(recipients)")) {
                q.setString(1, queueId);
                q.setString(2, DR_MARTIN);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    events = rs.getInt(1);
                }
            }
            Thread.sleep(200);
        }
        assertThat(events).as("SMTP_ACCEPTED and DELIVERED events of " + queueId).isEqualTo(2);
        try (Connection db = platform.database().connect()) {
            assertThatThrownBy(() -> db.createStatement().executeUpdate("DELETE FROM audit_event"))
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void an_unknown_mailbox_of_a_hosted_domain_is_refused_with_550_5_1_1() throws Exception {
        try (SmtpClient smtp = SmtpClient.asPeerOperator(platform)) {
            MimeMessage m = smtp.message(TestPeerOperator.address("a"), "x", "x", "nobody@" + DOMAIN);
            assertThatThrownBy(() -> smtp.send(m))
                    .isInstanceOf(SendFailedException.class)
                    .satisfies(e -> {
                        SMTPAddressFailedException refusal = (SMTPAddressFailedException) ((SendFailedException) e).getNextException();
                        assertThat(refusal.getReturnCode()).isEqualTo(550);
                        assertThat(refusal.getMessage()).contains("5.1.1");
                    });
        }
    }

    @Test
    void a_domain_not_hosted_here_is_refused_as_relay() throws Exception {
        try (SmtpClient smtp = SmtpClient.asPeerOperator(platform)) {
            MimeMessage m = smtp.message(TestPeerOperator.address("a"), "x", "x", "someone@other-operator.mssante.fr");
            assertThatThrownBy(() -> smtp.send(m))
                    .satisfies(e -> {
                        SMTPAddressFailedException refusal = (SMTPAddressFailedException) ((SendFailedException) e).getNextException();
                        assertThat(refusal.getReturnCode()).isEqualTo(550);
                        assertThat(refusal.getMessage()).contains("5.7.1");
                    });
        }
    }

    @Test
    void a_message_over_the_size_limit_is_refused_with_552_and_not_delivered() throws Exception {
        int before = rest.inbox(DR_MARTIN).size();
        String body = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789\r\n"
                .repeat(26 * 1024 * 1024 / 76 + 10);
        try (SmtpClient smtp = SmtpClient.asPeerOperator(platform)) {
            MimeMessage m = smtp.message(TestPeerOperator.address("a"), "too big", body, DR_MARTIN);
            assertThatThrownBy(() -> smtp.send(m))
                    .isInstanceOf(SMTPSendFailedException.class)
                    .satisfies(e -> {
                        assertThat(((SMTPSendFailedException) e).getReturnCode()).isEqualTo(552);
                        assertThat(e.getMessage()).contains("5.3.4");
                    });
        }
        Thread.sleep(1000);
        assertThat(rest.inbox(DR_MARTIN).size()).isEqualTo(before);
    }
}
