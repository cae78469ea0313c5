package fr.mssante.ejb.dsn;

import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.message.BodyPartBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.message.MultipartBuilder;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.util.MimeUtil;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.TimeZone;

/**
 * Builds the RFC 3464 report: a {@code multipart/report; report-type=delivery-status} (RFC 6522) with the
 * human-readable explanation, the {@code message/delivery-status} part and the returned message or header.
 * MIME structure, header encoding (RFC 2047 encoded words) and transfer encodings are mime4j's.
 */
final class DeliveryReportMessage {

    /** The conventional sender of bounces, at the reporting host; answers go to a postmaster-run address. */
    static final String MAILER_DAEMON = "MAILER-DAEMON";
    private static final String DISPLAY_NAME = "Système de messagerie / Mail Delivery System";

    private DeliveryReportMessage() {
    }

    /**
     * @param hostname  the reporting MTA ({@code mssante.hostname})
     * @param messageId the Message-ID to give the report, with its angle brackets
     */
    static byte[] build(DeliveryReport report, ReturnedContent returned, String hostname, ZonedDateTime now,
                        String messageId) {
        NoticeKind kind = NoticeKind.of(report.recipients());
        try {
            MultipartBuilder parts = MultipartBuilder.create("report")
                    .addBodyPart(BodyPartBuilder.create()
                            .setBody(DeliveryReportText.render(report, kind, hostname), "plain", StandardCharsets.UTF_8)
                            .setContentTransferEncoding(MimeUtil.ENC_QUOTED_PRINTABLE))
                    .addBodyPart(BodyPartBuilder.create()
                            .setBody(DeliveryStatusFields.render(report, hostname).getBytes(StandardCharsets.US_ASCII),
                                    "message/delivery-status")
                            .setContentTransferEncoding(MimeUtil.ENC_7BIT))
                    .addBodyPart(BodyPartBuilder.create()
                            .setBody(returned.bytes(), returned.contentType())
                            .setContentTransferEncoding(returned.transferEncoding()));
            Message message = Message.Builder.of()
                    .setFrom(new Mailbox(DISPLAY_NAME, MAILER_DAEMON, hostname))
                    .setTo(recipient(report.originalSender()))
                    .setSubject(kind.subject())
                    .setDate(Date.from(now.toInstant()), TimeZone.getTimeZone(now.getZone()))
                    .setMessageId(messageId)
                    // RFC 3834 section 5: an automatic response; auto-responders must not answer it.
                    .addField(new RawField("Auto-Submitted", "auto-replied"))
                    .setField(new RawField("MIME-Version", "1.0"))
                    .setBody(parts.build())
                    .setContentType("multipart/report",
                            new NameValuePair("report-type", "delivery-status"),
                            new NameValuePair("boundary", MimeUtil.createUniqueBoundary()))
                    .build();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new DefaultMessageWriter().writeMessage(message, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a delivery report", e);
        }
    }

    private static Mailbox recipient(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? new Mailbox(address, null) : new Mailbox(address.substring(0, at), address.substring(at + 1));
    }
}
