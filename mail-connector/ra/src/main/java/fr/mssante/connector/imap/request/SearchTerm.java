package fr.mssante.connector.imap.request;

import fr.mssante.connector.api.imap.SearchKey;
import fr.mssante.connector.imap.protocol.SequenceSet;

import java.util.List;

/**
 * A SEARCH criterion as parsed: the listener's {@link SearchKey}s, plus what only the session can
 * resolve: message sequence sets, UID sets with {@code *}, and NEW / OLD / RECENT, which depend on the
 * session's \Recent messages (RFC 3501 section 2.3.2).
 */
public sealed interface SearchTerm {

    record Key(SearchKey key) implements SearchTerm {
    }

    record Sequence(SequenceSet set, boolean uid) implements SearchTerm {
    }

    enum RecentKind { RECENT, NEW, OLD }

    record Recent(RecentKind kind) implements SearchTerm {
    }

    record And(List<SearchTerm> terms) implements SearchTerm {
        public And {
            terms = List.copyOf(terms);
        }
    }

    record Or(SearchTerm left, SearchTerm right) implements SearchTerm {
    }

    record Not(SearchTerm term) implements SearchTerm {
    }

    /** Whether a MODSEQ criterion is present: the response then carries (MODSEQ n) (RFC 7162 3.1.5). */
    static boolean hasModseq(SearchTerm term) {
        if (term instanceof Key key) {
            return key.key() instanceof SearchKey.ModSeq;
        }
        if (term instanceof And and) {
            return and.terms().stream().anyMatch(SearchTerm::hasModseq);
        }
        if (term instanceof Or or) {
            return hasModseq(or.left()) || hasModseq(or.right());
        }
        return term instanceof Not not && hasModseq(not.term());
    }
}
