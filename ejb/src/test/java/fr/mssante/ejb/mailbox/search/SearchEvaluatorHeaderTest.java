package fr.mssante.ejb.mailbox.search;

import static fr.mssante.ejb.mailbox.search.Candidates.message;
import static fr.mssante.ejb.mailbox.search.Keys.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import fr.mssante.connector.api.imap.SearchKey;

/** HEADER, FROM/TO/CC/BCC/SUBJECT: unfolded, RFC 2047-decoded, case-insensitive (RFC 3501 6.4.4). */
class SearchEvaluatorHeaderTest {

    private final Candidates msg = message().headers(HEADERS);

    @Test
    void subjectMatchesDecodedEncodedWords() {
        assertThat(matches(header("SUBJECT", "hospitalisation"), msg)).isTrue();
        assertThat(matches(header("Subject", "Compte-rendu d'hospitalisation"), msg)).isTrue();
    }

    @Test
    void subjectMatchesAcrossFoldAndBase64Word() {
        assertThat(matches(header("subject", "hospitalisation - madame délibes"), msg)).isTrue();
        assertThat(matches(header("subject", "DÉLIBES"), msg)).isTrue();
    }

    @Test
    void encodedWordsAreNotMatchedRaw() {
        assertThat(matches(header("subject", "=?UTF-8?Q?"), msg)).isFalse();
        assertThat(matches(header("subject", "hospitalisation_"), msg)).isFalse();
    }

    @Test
    void fromToCcMatchDisplayNamesAndAddresses() {
        assertThat(matches(header("FROM", "andré martin"), msg)).isTrue();
        assertThat(matches(header("FROM", "andre.martin@CHU.example"), msg)).isTrue();
        assertThat(matches(header("TO", "hélène"), msg)).isTrue();
        assertThat(matches(header("TO", "HÉLÈNE LÉGER"), msg)).isTrue();
        assertThat(matches(header("CC", "secretariat"), msg)).isTrue();
        assertThat(matches(header("BCC", "secretariat"), msg)).isFalse();
    }

    @Test
    void valueMustBeInTheNamedField() {
        assertThat(matches(header("To", "andre.martin"), msg)).isFalse();
        assertThat(matches(header("Subject", "martin"), msg)).isFalse();
    }

    @Test
    void fieldNameIsCaseInsensitive() {
        assertThat(matches(header("x-PRIORITY-note", ""), msg)).isTrue();
        assertThat(matches(header("rEtUrN-pAtH", "andre"), msg)).isTrue();
    }

    @Test
    void anyOccurrenceOfARepeatedFieldMatches() {
        assertThat(matches(header("Received", "relay.chu.example"), msg)).isTrue();
        assertThat(matches(header("Received", "mx2.example"), msg)).isTrue();
    }

    @Test
    void emptyValueMatchesWhenTheFieldExists() {
        assertThat(matches(header("X-Priority-Note", ""), msg)).isTrue();
        assertThat(matches(header("Cc", ""), msg)).isTrue();
        assertThat(matches(header("Bcc", ""), msg)).isFalse();
        assertThat(matches(new SearchKey.Not(header("Bcc", "")), msg)).isTrue();
    }

    @Test
    void accentsMatchAsTyped() {
        Candidates plain = message().headers("Subject: Echographie cardiaque\r\n");
        Candidates accented = message().headers("Subject: =?UTF-8?Q?=C3=89chographie?=\r\n");

        assertThat(matches(header("subject", "échographie"), accented)).isTrue();
        assertThat(matches(header("subject", "ÉCHOGRAPHIE"), accented)).isTrue();
        assertThat(matches(header("subject", "echographie"), accented)).isFalse();
        assertThat(matches(header("subject", "échographie"), plain)).isFalse();
    }

    @Test
    void decomposedNeedleMatchesPrecomposedText() {
        assertThat(matches(header("subject", "de\u0301libes"), msg)).isTrue();
    }

    @Test
    void lfOnlyHeaderBlock() {
        Candidates lf = message().headers("Subject: first part\n\tsecond part\nFrom: x@y\n");

        assertThat(matches(header("subject", "second part"), lf)).isTrue();
        assertThat(matches(header("from", "x@y"), lf)).isTrue();
    }

    @Test
    void missingHeaderBlockMatchesNoHeaderKey() {
        Candidates none = message().headers(null);

        assertThat(matches(header("Subject", ""), none)).isFalse();
        assertThat(matches(text("anything"), none.body(null))).isFalse();
    }
}
