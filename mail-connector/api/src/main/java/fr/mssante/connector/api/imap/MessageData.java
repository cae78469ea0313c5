package fr.mssante.connector.api.imap;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * FETCH data of one message; fields not asked for are null.
 *
 * @param envelope      the RFC 3501 ENVELOPE, as IMAP octets in ISO-8859-1 (one char per byte)
 * @param body          the non-extensible BODY form, same encoding
 * @param bodyStructure BODYSTRUCTURE, same encoding
 * @param headerSize    octets of the top-level header, blank line included
 * @param parts         part table, when STRUCTURE was asked for
 * @param content       raw message, when CONTENT was asked for
 * @param sortKeys      SORT/THREAD keys, when SORT_KEYS was asked for
 * @param decoded       by section number ("" for the whole message), the sections asked for decoded
 *                      (FETCH BINARY, RFC 3516); empty when none was asked for
 */
public record MessageData(long uid, long modseq, List<String> flags, OffsetDateTime internalDate, long size,
                          String envelope, String body, String bodyStructure, long headerSize,
                          List<MessagePart> parts, byte[] content, SortKeys sortKeys,
                          Map<String, DecodedSection> decoded) {

    public MessageData {
        decoded = decoded == null ? Map.of() : Map.copyOf(decoded);
    }

    /** Without sort keys or decoded sections. */
    public MessageData(long uid, long modseq, List<String> flags, OffsetDateTime internalDate, long size,
                       String envelope, String body, String bodyStructure, long headerSize,
                       List<MessagePart> parts, byte[] content) {
        this(uid, modseq, flags, internalDate, size, envelope, body, bodyStructure, headerSize, parts, content,
                null, Map.of());
    }
}
