package fr.mssante.connector.api.imap;

import java.time.LocalDate;
import java.util.List;

/**
 * A parsed SEARCH criterion (RFC 3501 6.4.4, RFC 7162 MODSEQ). Message sequence sets are turned into
 * UID sets by the engine before the call. Text matching is case-insensitive substring matching on
 * decoded text.
 */
public sealed interface SearchKey {

    /** Every message (ALL, and the implicit AND of a key list). */
    record All() implements SearchKey {
    }

    /** All of the keys. */
    record And(List<SearchKey> keys) implements SearchKey {
        public And {
            keys = List.copyOf(keys);
        }
    }

    record Or(SearchKey left, SearchKey right) implements SearchKey {
    }

    record Not(SearchKey key) implements SearchKey {
    }

    /** UID set (also what sequence sets become). */
    record Uids(List<long[]> ranges) implements SearchKey {
        public Uids {
            ranges = List.copyOf(ranges);
        }
    }

    /** Flag present (ANSWERED, SEEN, KEYWORD x...) or absent (UNSEEN, UNKEYWORD x...). NEW/OLD/RECENT are resolved by the engine. */
    record Flag(String flag, boolean set) implements SearchKey {
    }

    /** HEADER field string; FROM/TO/CC/BCC/SUBJECT are header searches. Empty value: the field exists. */
    record Header(String field, String value) implements SearchKey {
    }

    /** BODY (body only) or TEXT (header and body). */
    record Text(String value, boolean includeHeaders) implements SearchKey {
    }

    /** BEFORE/ON/SINCE (internal date) and SENTBEFORE/SENTON/SENTSINCE (Date header). */
    record Date(Comparison comparison, LocalDate date, boolean sentDate) implements SearchKey {
    }

    /** LARGER / SMALLER. */
    record Size(boolean larger, long octets) implements SearchKey {
    }

    /** MODSEQ n (RFC 7162 3.1.5): messages with MODSEQ >= n. */
    record ModSeq(long modseq) implements SearchKey {
    }

    /** For dates. */
    enum Comparison { BEFORE, ON, SINCE }
}
