package fr.mssante.ejb.mailbox.search;

import java.time.OffsetDateTime;

import fr.mssante.connector.api.mail.DateHeaderParser;

/**
 * One candidate during one evaluation, with the costly derived forms (parsed headers, normalised body)
 * computed at most once, and only if a key asks: "SUBJECT x OR FROM y TEXT z" parses the header once.
 * Not shared between evaluations, so the compiled predicate stays thread-safe.
 */
final class CandidateView {

    private final SearchCandidate candidate;
    private SearchableHeader headers;
    private String body;

    CandidateView(SearchCandidate candidate) {
        this.candidate = candidate;
    }

    SearchCandidate candidate() {
        return candidate;
    }

    SearchableHeader headers() {
        if (headers == null) {
            headers = SearchableHeader.parse(candidate.headerText());
        }
        return headers;
    }

    /**
     * The first Date field, in the offset it was written with, or {@code null} when there is none or it
     * cannot be parsed (such a message matches no SENT* key, RFC 3501 6.4.4).
     */
    OffsetDateTime sentDate() {
        return DateHeaderParser.parse(headers().first("date"));
    }

    /** Normalised body text; a body that was not loaded ({@code null}) reads as empty. */
    String body() {
        if (body == null) {
            body = TextNormalizer.normalize(candidate.bodyText());
        }
        return body;
    }
}
