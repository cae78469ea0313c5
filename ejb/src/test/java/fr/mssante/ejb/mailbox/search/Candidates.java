package fr.mssante.ejb.mailbox.search;

import java.time.OffsetDateTime;
import java.util.List;

/** Test builder for {@link SearchCandidate}: every field has a harmless default. */
final class Candidates {

    private long uid = 1;
    private long modseq = 1;
    private List<String> flags = List.of();
    private OffsetDateTime internalDate = OffsetDateTime.parse("2024-03-15T10:00:00+01:00");
    private long size = 1000;
    private String dateField = "Fri, 15 Mar 2024 09:59:00 +0100";
    private String headerText = "From: a@example.org\r\nSubject: hello\r\n";
    private String bodyText = "body";

    static Candidates message() {
        return new Candidates();
    }

    Candidates uid(long value) {
        uid = value;
        return this;
    }

    Candidates modseq(long value) {
        modseq = value;
        return this;
    }

    Candidates flags(String... values) {
        flags = List.of(values);
        return this;
    }

    Candidates internalDate(String iso) {
        internalDate = iso == null ? null : OffsetDateTime.parse(iso);
        return this;
    }

    Candidates size(long value) {
        size = value;
        return this;
    }

    /** The Date field's value as the sender wrote it (RFC 5322 3.3), or {@code null} for no Date field. */
    Candidates dateField(String value) {
        dateField = value;
        return this;
    }

    Candidates headers(String value) {
        headerText = value;
        return this;
    }

    Candidates body(String value) {
        bodyText = value;
        return this;
    }

    SearchCandidate build() {
        String header = dateField == null || headerText == null ? headerText : "Date: " + dateField + "\r\n" + headerText;
        return new SearchCandidate(uid, modseq, flags, internalDate, size, header, bodyText);
    }
}
