package fr.mssante.connector.imap.sort;

import fr.mssante.connector.api.mail.EnvelopeAddresses;
import fr.mssante.connector.imap.protocol.ImapValueReader;

import java.util.List;

/**
 * Reads the fields SORT and THREAD need from a precomputed ENVELOPE (RFC 3501 section 7.4.2: date, subject,
 * from, sender, reply-to, to, cc, bcc, in-reply-to, message-id; each address
 * {@code (name adl mailbox host)}), parsing the IMAP syntax: NIL, quoted strings, literals, lists.
 *
 * @param date    the Date field, or null
 * @param subject the Subject field (encoded words not decoded), or null
 * @param from    addr-mailbox of the first From address (RFC 5256 section 3), "" when none
 * @param to      same for To
 * @param cc      same for Cc
 * @param inReplyTo the In-Reply-To field, or null
 * @param messageId the Message-ID field, or null
 */
public record EnvelopeFields(String date, String subject, String from, String to, String cc, String inReplyTo,
                             String messageId) {

    private static final EnvelopeFields EMPTY = new EnvelopeFields(null, null, "", "", "", null, null);

    /** The fields of an envelope; empty fields when it is null or malformed. */
    public static EnvelopeFields parse(String envelope) {
        if (envelope == null) {
            return EMPTY;
        }
        try {
            Object value = ImapValueReader.read(envelope);
            if (!(value instanceof List<?> fields) || fields.size() < 7) {
                return EMPTY;
            }
            return new EnvelopeFields(string(fields.get(0)), string(fields.get(1)), mailbox(fields.get(2)),
                    mailbox(fields.get(5)), mailbox(fields.get(6)), fields.size() > 8 ? string(fields.get(8)) : null,
                    fields.size() > 9 ? string(fields.get(9)) : null);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return EMPTY;
        }
    }

    private static String string(Object value) {
        return value instanceof String s ? s : null;
    }

    /**
     * The addr-mailbox of the first address (RFC 5256 section 3), group markers (host NIL, RFC 3501 7.4.2)
     * skipped; "" when there is no address, or when the first one has no mailbox part (the
     * {@link EnvelopeAddresses#MISSING_MAILBOX} placeholder of delivery).
     */
    private static String mailbox(Object addresses) {
        if (addresses instanceof List<?> list) {
            for (Object address : list) {
                if (address instanceof List<?> fields && fields.size() >= 4 && fields.get(3) != null) {
                    return fields.get(2) instanceof String mailbox && !mailbox.equals(EnvelopeAddresses.MISSING_MAILBOX)
                            ? mailbox : "";
                }
            }
        }
        return "";
    }
}
