package fr.mssante.ejb.mailbox.search;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One message of a folder, as seen by IMAP SEARCH (RFC 3501 6.4.4).
 *
 * @param uid          the message UID
 * @param modseq       the per-message MODSEQ (RFC 7162 3.1.5)
 * @param flags        system flags ({@code \Seen}...) and keywords; {@code null} is read as none
 * @param internalDate the INTERNALDATE, in the offset it was stored with (RFC 3501 2.3.3)
 * @param size         the RFC822.SIZE in octets
 * @param headerText   the raw RFC 5322 header block (folded lines, RFC 2047 encoded words, CRLF or LF);
 *                     may be {@code null} when {@link SearchNeeds#headers()} said it was not needed. SENT*
 *                     keys read the Date field from it: the stored {@code sent_date} is a timestamptz,
 *                     which keeps the instant but not the sender's offset that RFC 3501 6.4.4 compares in
 * @param bodyText     the decoded text of the body; may be {@code null} when not loaded, read as empty
 */
public record SearchCandidate(long uid, long modseq, List<String> flags, OffsetDateTime internalDate, long size,
                              String headerText, String bodyText) {

    public SearchCandidate {
        // Copy so a compiled predicate never sees the caller's list change under it.
        flags = flags == null ? List.of() : List.copyOf(flags);
    }
}
