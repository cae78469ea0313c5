package fr.mssante.ejb.mailbox.search;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import fr.mssante.connector.api.imap.SearchKey;

/** Leaf criteria, one per kind of SEARCH key; needles are normalised here, once, at compile time. */
final class Criteria {

    static final Criterion ALL = view -> true;

    private Criteria() {
    }

    /** HEADER field string, and FROM/TO/CC/BCC/SUBJECT (RFC 3501 6.4.4). */
    static Criterion header(SearchKey.Header key) {
        // Field names are case-insensitive (RFC 5322 1.2.2); the parser lower-cases with ROOT as well.
        String name = Objects.requireNonNull(key.field(), "header field").strip().toLowerCase(Locale.ROOT);
        String needle = TextNormalizer.normalize(key.value());
        return view -> view.headers().anyValueContains(name, needle);
    }

    /** BODY string (body only) or TEXT string ("header or body", RFC 3501 6.4.4). */
    static Criterion text(SearchKey.Text key) {
        String needle = TextNormalizer.normalize(key.value());
        if (!key.includeHeaders()) {
            return view -> view.body().contains(needle);
        }
        // Headers first: they are small, and a hit there avoids normalising a large body.
        return view -> view.headers().searchableText().contains(needle) || view.body().contains(needle);
    }

    /**
     * Flag present or absent. Compared case-insensitively for system flags and keywords alike: RFC 3501
     * 2.3.2 makes flag names case-insensitive in practice and Dovecot matches keywords that way.
     */
    static Criterion flag(SearchKey.Flag key) {
        String flag = Objects.requireNonNull(key.flag(), "flag");
        boolean wanted = key.set();
        return view -> hasFlag(view.candidate().flags(), flag) == wanted;
    }

    /**
     * BEFORE/ON/SINCE on INTERNALDATE, SENTBEFORE/SENTON/SENTSINCE on the Date header. RFC 3501 6.4.4
     * compares dates "disregarding time and timezone", so each date is taken in its own offset: the Date
     * field's as written by the sender, the INTERNALDATE's as stored. A message with no Date field, or one
     * that cannot be parsed, never matches SENT* (NOT of it then does, through {@link #not}).
     */
    static Criterion date(SearchKey.Date key) {
        LocalDate target = Objects.requireNonNull(key.date(), "date");
        SearchKey.Comparison comparison = Objects.requireNonNull(key.comparison(), "comparison");
        boolean sent = key.sentDate();
        return view -> {
            OffsetDateTime when = sent ? view.sentDate() : view.candidate().internalDate();
            if (when == null) {
                return false;
            }
            int cmp = when.toLocalDate().compareTo(target);
            return switch (comparison) {
                case BEFORE -> cmp < 0;
                case ON -> cmp == 0;
                case SINCE -> cmp >= 0;
            };
        };
    }

    /** LARGER n: size > n; SMALLER n: size < n (RFC 3501 6.4.4, both strict). */
    static Criterion size(SearchKey.Size key) {
        long octets = key.octets();
        return key.larger()
                ? view -> view.candidate().size() > octets
                : view -> view.candidate().size() < octets;
    }

    /** MODSEQ n: "modification sequence ... greater than or equal to" n (RFC 7162 3.1.5). */
    static Criterion modSeq(SearchKey.ModSeq key) {
        long modseq = key.modseq();
        return view -> view.candidate().modseq() >= modseq;
    }

    static Criterion uids(SearchKey.Uids key) {
        UidRanges ranges = UidRanges.of(key.ranges());
        return view -> ranges.contains(view.candidate().uid());
    }

    static Criterion and(List<Criterion> criteria) {
        if (criteria.isEmpty()) {
            return ALL; // an empty AND is vacuously true: the implicit AND of no keys
        }
        if (criteria.size() == 1) {
            return criteria.get(0);
        }
        Criterion[] all = criteria.toArray(new Criterion[0]);
        return view -> {
            for (Criterion criterion : all) {
                if (!criterion.matches(view)) {
                    return false;
                }
            }
            return true;
        };
    }

    static Criterion or(Criterion left, Criterion right) {
        return view -> left.matches(view) || right.matches(view);
    }

    static Criterion not(Criterion inner) {
        return view -> !inner.matches(view);
    }

    private static boolean hasFlag(List<String> flags, String flag) {
        for (String candidate : flags) {
            // Flags are atoms (US-ASCII, RFC 3501 9), so equalsIgnoreCase is locale-safe here.
            if (flag.equalsIgnoreCase(candidate)) {
                return true;
            }
        }
        return false;
    }
}
