package fr.mssante.ejb.delivery.mime;

import fr.mssante.connector.api.imap.SortKeys;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Everything an IMAP server (RFC 3501 / RFC 9051) and a REST listing need about a delivered
 * message, computed once by {@link MessageParser} and stored next to the raw octets.
 *
 * <p>{@link #envelope()}, {@link #bodyStructure()} and {@link #body()} are ready-to-send IMAP
 * values, outer parentheses included, written as octet strings: each char is one octet
 * (U+0000-U+00FF), so 8-bit header text sent in IMAP literals keeps its exact bytes and literal
 * lengths. Write them to the connection with ISO-8859-1 (see {@link #imapOctets(String)}).
 * Sizes in them and in {@link MimePart} are raw octet counts of the stored message (identical to
 * Dovecot's CRLF-based sizes for the CRLF messages we receive).
 *
 * @param size          RFC822.SIZE: octets of the raw message
 * @param headerSize    octets of the top-level header, its empty line included
 * @param bodyOffset    offset of the top-level body (BODY[TEXT] = [bodyOffset, size))
 * @param subject       decoded Subject (RFC 2047, unfolded), or null
 * @param from          decoded From for display, e.g. "Marie Dupont &lt;m.dupont@x.fr&gt;", or null
 * @param sentDate      Date header, or null when absent or unparsable
 * @param messageId     Message-ID, "&lt;...&gt;", or null
 * @param inReplyTo     first message id of In-Reply-To, or null
 * @param references    message ids of References, oldest first
 * @param envelope      FETCH ENVELOPE value
 * @param bodyStructure FETCH BODYSTRUCTURE value
 * @param body          FETCH BODY value (non-extensible form)
 * @param parts         part table for BODY[section] slicing, in section order
 * @param textForSearch decoded text of the text/* parts for SEARCH BODY/TEXT, capped
 * @param hasAttachments whether a part is an attachment (see PartTableBuilder#hasAttachments)
 * @param sortKeys      the SORT/THREAD keys of RFC 5256 (see {@link SortKeyFields}); null only when read
 *                      from the JSON of a message parsed before they existed
 */
public record ParsedMessage(
        long size,
        long headerSize,
        long bodyOffset,
        String subject,
        String from,
        OffsetDateTime sentDate,
        String messageId,
        String inReplyTo,
        List<String> references,
        String envelope,
        String bodyStructure,
        String body,
        List<MimePart> parts,
        String textForSearch,
        boolean hasAttachments,
        SortKeys sortKeys) {

    public ParsedMessage {
        references = references == null ? List.of() : List.copyOf(references);
        parts = parts == null ? List.of() : List.copyOf(parts);
        textForSearch = textForSearch == null ? "" : textForSearch;
    }

    /** The part with that IMAP section number ("1", "2.1", ...). */
    public Optional<MimePart> part(String section) {
        for (MimePart p : parts) {
            if (p.section().equals(section)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Octets to put on the IMAP connection for one of the IMAP values of this record. */
    public static byte[] imapOctets(String imapValue) {
        return imapValue.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** One JSON document (JSON-P) holding the whole record, for a jsonb/text column. */
    public String toJson() {
        return ParsedMessageJson.write(this);
    }

    /** Inverse of {@link #toJson()}. */
    public static ParsedMessage fromJson(String json) {
        return ParsedMessageJson.read(json);
    }
}
