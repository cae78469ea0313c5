package fr.mssante.ejb.mailbox.search;

import java.util.Objects;

import fr.mssante.connector.api.imap.SearchKey;

/**
 * Which large columns a SEARCH key reads, so the caller loads the header block and the body text only
 * when some key needs them. A key under NOT or OR counts too: it is still evaluated.
 */
public final class SearchNeeds {

    private static final SearchNeeds NONE = new SearchNeeds(false, false);

    private final boolean headers;
    private final boolean body;

    private SearchNeeds(boolean headers, boolean body) {
        this.headers = headers;
        this.body = body;
    }

    /** What {@code key} needs, over the whole key tree. */
    public static SearchNeeds of(SearchKey key) {
        Objects.requireNonNull(key, "key");
        if (key instanceof SearchKey.Header) {
            return new SearchNeeds(true, false);
        }
        if (key instanceof SearchKey.Text text) {
            // BODY reads the body only; TEXT reads "the header or body of the message" (RFC 3501 6.4.4).
            return new SearchNeeds(text.includeHeaders(), true);
        }
        if (key instanceof SearchKey.Date date && date.sentDate()) {
            // SENT* read the Date field as written, with its offset (RFC 3501 6.4.4).
            return new SearchNeeds(true, false);
        }
        if (key instanceof SearchKey.And and) {
            SearchNeeds needs = NONE;
            for (SearchKey child : and.keys()) {
                needs = needs.union(of(child));
            }
            return needs;
        }
        if (key instanceof SearchKey.Or or) {
            return of(or.left()).union(of(or.right()));
        }
        if (key instanceof SearchKey.Not not) {
            return of(not.key());
        }
        // All, Uids, Flag, Date (internal), Size, ModSeq read small columns only.
        return NONE;
    }

    /** The raw header block ({@link SearchCandidate#headerText()}) is read. */
    public boolean headers() {
        return headers;
    }

    /** The body text ({@link SearchCandidate#bodyText()}) is read. */
    public boolean body() {
        return body;
    }

    private SearchNeeds union(SearchNeeds other) {
        if ((headers || !other.headers) && (body || !other.body)) {
            return this;
        }
        return new SearchNeeds(headers || other.headers, body || other.body);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SearchNeeds other && headers == other.headers && body == other.body;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(headers) * 31 + Boolean.hashCode(body);
    }

    @Override
    public String toString() {
        return "SearchNeeds[headers=" + headers + ", body=" + body + "]";
    }
}
