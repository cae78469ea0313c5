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
    private OffsetDateTime sentDate = OffsetDateTime.parse("2024-03-15T09:59:00+01:00");
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

    Candidates sentDate(String iso) {
        sentDate = iso == null ? null : OffsetDateTime.parse(iso);
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
        return new SearchCandidate(uid, modseq, flags, internalDate, size, sentDate, headerText, bodyText);
    }
}
