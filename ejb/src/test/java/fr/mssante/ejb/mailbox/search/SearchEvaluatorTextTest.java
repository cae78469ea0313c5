package fr.mssante.ejb.mailbox.search;

import static fr.mssante.ejb.mailbox.search.Candidates.message;
import static fr.mssante.ejb.mailbox.search.Keys.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import fr.mssante.connector.api.imap.SearchKey;

/** BODY and TEXT: case-insensitive substring of decoded text (RFC 3501 6.4.4). */
class SearchEvaluatorTextTest {

    private final Candidates msg = message().headers(HEADERS)
            .body("Chère consœur,\nVotre patiente a été hospitalisée du 4 au 12 mars.\n");

    @Test
    void bodySearchesBodyOnly() {
        assertThat(matches(body("HOSPITALISÉE"), msg)).isTrue();
        assertThat(matches(body("chère consœur"), msg)).isTrue();
        assertThat(matches(body("andré martin"), msg)).isFalse();
    }

    @Test
    void textSearchesDecodedHeadersOrBody() {
        assertThat(matches(text("andré martin"), msg)).isTrue();
        assertThat(matches(text("hospitalisée"), msg)).isTrue();
        assertThat(matches(text("délibes"), msg)).isTrue();
        assertThat(matches(text("radiologie"), msg)).isFalse();
    }

    @Test
    void textIncludesFieldNames() {
        assertThat(matches(text("x-priority-note"), msg)).isTrue();
    }

    @Test
    void accentsMatchAsTypedInBody() {
        assertThat(matches(body("ÉTÉ"), msg)).isTrue();
        assertThat(matches(body("a ete"), msg)).isFalse();
    }

    @Test
    void decomposedBodyMatchesPrecomposedNeedle() {
        Candidates nfd = message().body("Re\u0301sultats d\u2019e\u0301chographie");

        assertThat(matches(body("résultats"), nfd)).isTrue();
        assertThat(matches(body("RÉSULTATS"), nfd)).isTrue();
    }

    @Test
    void nullBodyIsEmpty() {
        Candidates unloaded = message().headers(HEADERS).body(null);

        assertThat(matches(body("hospitalisée"), unloaded)).isFalse();
        assertThat(matches(new SearchKey.Not(body("hospitalisée")), unloaded)).isTrue();
        assertThat(matches(body(""), unloaded)).isTrue();
        assertThat(matches(text("andré"), unloaded)).isTrue();
    }

    @Test
    void emptyNeedleMatchesEverything() {
        assertThat(matches(body(""), msg)).isTrue();
        assertThat(matches(text(""), msg)).isTrue();
    }
}
