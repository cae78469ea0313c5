package fr.mssante.web.api;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Optional query parameters of the admin listings, refused with the parameter's name when malformed. */
final class QueryParams {

    private QueryParams() {
    }

    /** An ISO-8601 date-time with offset ({@code 2026-12-03T10:00:00Z}), null when absent. */
    static OffsetDateTime instant(String raw, String field) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be an ISO-8601 date-time with offset, e.g. 2026-12-03T10:00:00Z");
        }
    }

    /** Free text compared exactly, null when absent. */
    static String text(String raw) {
        return raw == null || raw.isEmpty() ? null : raw;
    }
}
