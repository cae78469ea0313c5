package fr.mssante.ejb.mailbox.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import fr.mssante.connector.api.imap.SearchKey;

/**
 * Evaluates a parsed IMAP SEARCH key (RFC 3501 6.4.4, RFC 7162 MODSEQ) over the messages of one folder.
 *
 * <p>{@link #compile} walks the key tree once, normalising needles and merging UID ranges, and returns a
 * predicate meant to be applied to thousands of candidates. The predicate is stateless and thread-safe;
 * per-candidate work (header parsing, body normalisation) is done lazily and at most once per test.
 * The caller should load headers and body according to {@link SearchNeeds#of}.
 */
public final class SearchEvaluator {

    private SearchEvaluator() {
    }

    public static Predicate<SearchCandidate> compile(SearchKey key) {
        Criterion criterion = toCriterion(Objects.requireNonNull(key, "key"));
        return candidate -> criterion.matches(new CandidateView(Objects.requireNonNull(candidate, "candidate")));
    }

    private static Criterion toCriterion(SearchKey key) {
        // Java 17 has no pattern-matching switch (preview only), hence the instanceof chain.
        if (key instanceof SearchKey.All) {
            return Criteria.ALL;
        }
        if (key instanceof SearchKey.And and) {
            List<Criterion> children = new ArrayList<>(and.keys().size());
            for (SearchKey child : and.keys()) {
                children.add(toCriterion(child));
            }
            return Criteria.and(children);
        }
        if (key instanceof SearchKey.Or or) {
            return Criteria.or(toCriterion(or.left()), toCriterion(or.right()));
        }
        if (key instanceof SearchKey.Not not) {
            return Criteria.not(toCriterion(not.key()));
        }
        if (key instanceof SearchKey.Uids uids) {
            return Criteria.uids(uids);
        }
        if (key instanceof SearchKey.Flag flag) {
            return Criteria.flag(flag);
        }
        if (key instanceof SearchKey.Header header) {
            return Criteria.header(header);
        }
        if (key instanceof SearchKey.Text text) {
            return Criteria.text(text);
        }
        if (key instanceof SearchKey.Date date) {
            return Criteria.date(date);
        }
        if (key instanceof SearchKey.Size size) {
            return Criteria.size(size);
        }
        if (key instanceof SearchKey.ModSeq modSeq) {
            return Criteria.modSeq(modSeq);
        }
        throw new IllegalArgumentException("Unsupported search key: " + key);
    }
}
