package fr.mssante.connector.api.imap;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What SORT and THREAD (RFC 5256) need of a message, computed once by the store when the message content
 * is parsed (delivery, APPEND) and kept as typed values, so that the engine never re-parses header text.
 *
 * @param sentDate       the Date field (RFC 5256 section 2.2 "sent date"), null when it is missing or does
 *                       not parse: the engine then uses the internal date
 * @param baseSubject    the base subject of RFC 5256 section 2.1 (encoded words decoded), "" for none
 * @param replyOrForward whether extracting the base subject removed a reply/forward marker (THREAD=REFERENCES
 *                       step 6)
 * @param from           addr-mailbox of the first From address (RFC 5256 section 3), "" when there is none or
 *                       it has no mailbox part
 * @param to             same for To
 * @param cc             same for Cc
 * @param messageId      the first msg-id of Message-ID, or null
 * @param references     the parent ids of THREAD=REFERENCES step 1.A: the References ids in order or, when
 *                       there are none, the first In-Reply-To id; empty for none
 */
public record SortKeys(OffsetDateTime sentDate, String baseSubject, boolean replyOrForward, String from, String to,
                       String cc, String messageId, List<String> references) {

    public SortKeys {
        baseSubject = baseSubject == null ? "" : baseSubject;
        from = from == null ? "" : from;
        to = to == null ? "" : to;
        cc = cc == null ? "" : cc;
        references = references == null ? List.of() : List.copyOf(references);
    }
}
