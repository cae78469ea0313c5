package fr.mssante.ejb.dsn;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mssante.connector.api.smtp.DsnParameters.Notify;
import fr.mssante.ejb.dsn.RecipientStatus.Action;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The report as RFC 3464 / RFC 6522 describe it, read back with mime4j. */
class DeliveryReportMessageTest {

    static final String ORIGINAL = "Received: from a.example by b.example; Thu, 3 Dec 2026 10:00:00 +0100\r\n"
            + "From: Dr Martin <dr.martin@hopital-demo.mssante.fr>\r\n"
            + "To: <secretariat@clinique.mssante.fr>\r\n"
            + "Subject: Compte rendu\r\n"
            + "Message-ID: <cr-42@hopital-demo.mssante.fr>\r\n"
            + "\r\n"
            + "Patient: ... confidential body ...\r\n";
    static final OffsetDateTime ARRIVAL = OffsetDateTime.parse("2026-12-03T10:00:00+01:00");
    static final OffsetDateTime ATTEMPT = OffsetDateTime.parse("2026-12-03T14:05:00+01:00");
    static final OffsetDateTime GIVE_UP = OffsetDateTime.parse("2026-12-08T10:00:00+01:00");
    static final ZonedDateTime NOW = ZonedDateTime.of(2026, 12, 3, 14, 6, 0, 0, ZoneId.of("Europe/Paris"));
    static final String HOST = "mx.operateur-a.fr";

    static RecipientStatus status(String rcpt, String orcpt, Action action, String code, String remote,
                                  String diagnostic, OffsetDateTime until) {
        return new RecipientStatus(rcpt, orcpt, Set.of(), action, code, remote, diagnostic, ATTEMPT, until);
    }

    static DeliveryReport report(String envid, boolean full, RecipientStatus... recipients) {
        return new DeliveryReport("Q1234567890ABCDE", envid, full, "dr.martin@hopital-demo.mssante.fr",
                "0".repeat(64), ARRIVAL, List.of(recipients));
    }

    static ParsedReport build(DeliveryReport report, ReturnedContent returned) {
        return ParsedReport.parse(DeliveryReportMessage.build(report, returned, HOST, NOW, "<r1@" + HOST + ">"));
    }

    static ReturnedContent returned(boolean full) {
        return ReturnedContent.of(ORIGINAL.getBytes(StandardCharsets.US_ASCII), full, 10_000);
    }

    @Test
    void failureReportHasTheThreePartsOfRfc3464AndTheHeadersOfAnAutomaticReply() {
        DeliveryReport report = report(null, true, status("secretariat@clinique.mssante.fr", null, Action.FAILED,
                "5.1.1", "mx.clinique.mssante.fr", "smtp; 550 5.1.1 <secretariat@clinique.mssante.fr>: unknown user",
                null));
        ParsedReport parsed = build(report, returned(true));
        Message m = parsed.message();

        assertThat(m.getMimeType()).isEqualTo("multipart/report");
        assertThat(m.getHeader().getField("Content-Type").getBody()).contains("report-type=delivery-status");
        assertThat(parsed.parts()).extracting(e -> e.getMimeType())
                .containsExactly("text/plain", "message/delivery-status", "message/rfc822");
        Mailbox from = m.getFrom().get(0);
        assertThat(from.getAddress()).isEqualTo("MAILER-DAEMON@" + HOST);
        assertThat(from.getName()).isEqualTo("Système de messagerie / Mail Delivery System");
        assertThat(m.getTo().flatten().get(0).getAddress()).isEqualTo("dr.martin@hopital-demo.mssante.fr");
        assertThat(m.getSubject()).isEqualTo("Non remis / Undelivered Mail Returned to Sender");
        assertThat(m.getMessageId()).isEqualTo("<r1@" + HOST + ">");
        assertThat(m.getDate().toInstant()).isEqualTo(NOW.toInstant());
        assertThat(parsed.header("Auto-Submitted")).isEqualTo("auto-replied");
        assertThat(parsed.header("MIME-Version")).isEqualTo("1.0");
        // RFC 2047: the header itself stays ASCII
        assertThat(new String(DeliveryReportMessage.build(report, returned(true), HOST, NOW, "<r1@x>"),
                StandardCharsets.ISO_8859_1).lines().takeWhile(l -> !l.isEmpty()).allMatch(l -> l.chars().allMatch(c -> c < 0x80)))
                .isTrue();

        List<Map<String, String>> groups = parsed.statusGroups();
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0)).containsExactly(
                Map.entry("reporting-mta", "dns; " + HOST),
                Map.entry("arrival-date", "Thu, 3 Dec 2026 10:00:00 +0100"));
        assertThat(groups.get(1)).containsExactly(
                Map.entry("final-recipient", "rfc822;secretariat@clinique.mssante.fr"),
                Map.entry("action", "failed"),
                Map.entry("status", "5.1.1"),
                Map.entry("remote-mta", "dns; mx.clinique.mssante.fr"),
                Map.entry("diagnostic-code", "smtp; 550 5.1.1 <secretariat@clinique.mssante.fr>: unknown user"),
                Map.entry("last-attempt-date", "Thu, 3 Dec 2026 14:05:00 +0100"));

        Message original = (Message) parsed.parts().get(2).getBody();
        assertThat(original.getSubject()).isEqualTo("Compte rendu");
        assertThat(original.getMessageId()).isEqualTo("<cr-42@hopital-demo.mssante.fr>");

        String text = parsed.text(0);
        assertThat(text).contains("n'a pas pu être remis", "could not be delivered",
                "<secretariat@clinique.mssante.fr>", "5.1.1", "550 5.1.1", "Vérifiez l'adresse", "Check the recipient");
    }

    @Test
    void delayReportSaysUntilWhenItRetries() {
        ParsedReport parsed = build(report(null, false, status("secretariat@clinique.mssante.fr", null,
                Action.DELAYED, "4.4.1", null, null, GIVE_UP)), returned(false));

        assertThat(parsed.message().getSubject()).isEqualTo("Remise différée / Delayed Mail");
        Map<String, String> recipient = parsed.statusGroups().get(1);
        assertThat(recipient).containsEntry("action", "delayed").containsEntry("status", "4.4.1")
                .containsEntry("will-retry-until", "Tue, 8 Dec 2026 10:00:00 +0100")
                .doesNotContainKeys("remote-mta", "diagnostic-code");
        assertThat(parsed.text(0)).contains("remise retardée", "delivery delayed", "8 Dec 2026");
    }

    @Test
    void successReportsForDeliveredAndRelayedRecipients() {
        ParsedReport parsed = build(report(null, false,
                status("a@clinique.mssante.fr", null, Action.DELIVERED, "2.0.0", null, null, null),
                status("b@autre.mssante.fr", null, Action.RELAYED, "2.0.0", "mx.autre.mssante.fr",
                        "smtp; 250 2.0.0 Ok", null)), returned(false));

        assertThat(parsed.message().getSubject()).isEqualTo("Remis / Delivery report");
        List<Map<String, String>> groups = parsed.statusGroups();
        assertThat(groups).hasSize(3);
        assertThat(groups.get(1)).containsEntry("final-recipient", "rfc822;a@clinique.mssante.fr")
                .containsEntry("action", "delivered").containsEntry("status", "2.0.0")
                .doesNotContainKey("will-retry-until");
        assertThat(groups.get(2)).containsEntry("final-recipient", "rfc822;b@autre.mssante.fr")
                .containsEntry("action", "relayed").containsEntry("remote-mta", "dns; mx.autre.mssante.fr");
    }

    @Test
    void envidAndOrcptAreReturnedAsTheSenderGaveThem() {
        ParsedReport parsed = build(report("LOT-2026/12 n°7", false, status("secretariat@clinique.mssante.fr",
                "rfc822;Secretariat@Clinique.mssante.fr", Action.FAILED, "5.1.1", null, null, null)), returned(false));

        List<Map<String, String>> groups = parsed.statusGroups();
        // RFC 3464 section 2.2.1 / 2.3.1; the body stays US-ASCII (section 2.1)
        assertThat(groups.get(0)).containsEntry("original-envelope-id", "LOT-2026/12 n?7");
        assertThat(groups.get(1)).containsEntry("original-recipient", "rfc822;Secretariat@Clinique.mssante.fr");
        assertThat(groups.get(1).keySet()).startsWith("original-recipient", "final-recipient");
    }

    @Test
    void withoutEnvidOrOrcptTheirFieldsAreAbsent() {
        ParsedReport parsed = build(report(null, false, status("x@clinique.mssante.fr", null, Action.FAILED,
                "5.1.1", null, null, null)), returned(false));

        assertThat(parsed.statusGroups().get(0)).doesNotContainKey("original-envelope-id");
        assertThat(parsed.statusGroups().get(1)).doesNotContainKey("original-recipient");
    }

    @Test
    void retHdrsReturnsTheHeaderSectionOnly() {
        ParsedReport parsed = build(report(null, false, status("x@clinique.mssante.fr", null, Action.FAILED,
                "5.1.1", null, null, null)), returned(false));

        assertThat(parsed.parts().get(2).getMimeType()).isEqualTo("text/rfc822-headers");
        String headers = parsed.text(2);
        assertThat(headers).startsWith("Received: from a.example")
                .contains("Subject: Compte rendu\r\n", "Message-ID: <cr-42@hopital-demo.mssante.fr>\r\n")
                .doesNotContain("confidential body");
        assertThat(parsed.text(0)).contains("headers are attached");
    }

    @Test
    void aPeerReplyCannotBreakTheStatusFields() {
        ParsedReport parsed = build(report(null, false, status("x@clinique.mssante.fr", null, Action.FAILED,
                "5.0.0", "mx.evil\r\nAction: delivered", "smtp; 550 first line\r\nStatus: 2.0.0", null)),
                returned(false));

        Map<String, String> recipient = parsed.statusGroups().get(1);
        assertThat(recipient).containsEntry("action", "failed").containsEntry("status", "5.0.0")
                .containsEntry("diagnostic-code", "smtp; 550 first line  Status: 2.0.0");
    }

    @Test
    void aNonAsciiRecipientIsWrittenAsAnRfc6533Utf8Address() {
        ParsedReport parsed = build(report(null, false, status("sécrétariat@clinique.mssante.fr", null,
                Action.FAILED, "5.1.1", null, null, null)), returned(false));

        assertThat(parsed.statusGroups().get(1))
                .containsEntry("final-recipient", "utf-8;s\\x{E9}cr\\x{E9}tariat@clinique.mssante.fr");
    }
}
