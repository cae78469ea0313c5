package fr.mssante.ejb.dsn;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A delivery status notification to send about one accepted message (RFC 3464).
 *
 * @param queueId          our queue id of the original message (Original-Envelope-Id falls back to nothing:
 *                         only {@code envid} is written there, section 2.2.1)
 * @param envid            the sender's ENVID, null when not given
 * @param returnFullMessage RET=FULL: attach the whole message; otherwise headers only (RFC 3461 section 4.3)
 * @param originalSender   the reverse-path of the original message; never null (no report to {@code <>})
 * @param blobSha256       the stored original message (for the returned content)
 * @param arrivalDate      when we accepted it (section 2.2.5)
 * @param recipients       the recipients this report is about, all of one kind of event
 */
public record DeliveryReport(String queueId, String envid, boolean returnFullMessage, String originalSender,
                             String blobSha256, OffsetDateTime arrivalDate, List<RecipientStatus> recipients) {

    public DeliveryReport {
        recipients = List.copyOf(recipients);
    }
}
