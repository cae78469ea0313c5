package fr.mssante.ejb.mailbox.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import fr.mssante.ejb.mailbox.search.SearchableHeader.Field;

class HeaderFieldsTest {

    @Test
    void parsesCrlfFields() {
        SearchableHeader h = SearchableHeader.parse("From: Dr House <house@example.org>\r\nSubject: Bilan\r\n");

        assertThat(h.fields()).containsExactly(
                new Field("from", "dr house <house@example.org>"),
                new Field("subject", "bilan"));
    }

    @Test
    void unfoldsContinuationLinesWithSpaceOrTab() {
        SearchableHeader h = SearchableHeader.parse("Subject: Compte-rendu\r\n d'hospitalisation\r\n\tdu patient\r\nTo: x@y\r\n");

        assertThat(h.fields()).containsExactly(
                new Field("subject", "compte-rendu d'hospitalisation\tdu patient"),
                new Field("to", "x@y"));
    }

    @Test
    void acceptsLfAndLoneCrLineEndings() {
        assertThat(SearchableHeader.parse("A: 1\nB: 2\n continued\n").fields())
                .containsExactly(new Field("a", "1"), new Field("b", "2 continued"));
        assertThat(SearchableHeader.parse("A: 1\rB: 2").fields())
                .containsExactly(new Field("a", "1"), new Field("b", "2"));
    }

    @Test
    void stopsAtTheEmptyLineThatEndsTheHeader() {
        SearchableHeader h = SearchableHeader.parse("Subject: s\r\n\r\nBody-Looking: not a header\r\n");

        assertThat(h.fields()).containsExactly(new Field("subject", "s"));
    }

    @Test
    void skipsMalformedLinesAndLeadingContinuation() {
        SearchableHeader h = SearchableHeader.parse(" orphan continuation\r\nFrom someone@example.org Mon Jan 1 10:00:00 2024\r\n"
                + "no colon here\r\nX-Ok: yes\r\n");

        assertThat(h.fields()).containsExactly(new Field("x-ok", "yes"));
    }

    @Test
    void allowsWhitespaceBeforeColon() {
        assertThat(SearchableHeader.parse("Subject : obsolete syntax\r\n").fields())
                .containsExactly(new Field("subject", "obsolete syntax"));
    }

    @Test
    void keepsEveryOccurrenceOfAField() {
        SearchableHeader h = SearchableHeader.parse("Received: from a\r\nReceived: from b\r\n");

        assertThat(h.anyValueContains("received", "from a")).isTrue();
        assertThat(h.anyValueContains("received", "from b")).isTrue();
        assertThat(h.anyValueContains("received", "from c")).isFalse();
    }

    @Test
    void emptyValueFieldExists() {
        SearchableHeader h = SearchableHeader.parse("X-Empty:\r\nX-Blank:   \r\n");

        assertThat(h.anyValueContains("x-empty", "")).isTrue();
        assertThat(h.anyValueContains("x-blank", "")).isTrue();
        assertThat(h.anyValueContains("x-missing", "")).isFalse();
    }

    @Test
    void decodesQuotedPrintableUtf8() {
        SearchableHeader h = SearchableHeader.parse("Subject: =?UTF-8?Q?Compte-rendu_d'hospitalisation_=C3=A9t=C3=A9?=\r\n");

        assertThat(h.fields()).containsExactly(new Field("subject", "compte-rendu d'hospitalisation été"));
    }

    @Test
    void decodesBase64Utf8() {
        // "Résultats d'échographie"
        SearchableHeader h = SearchableHeader.parse("Subject: =?utf-8?B?UsOpc3VsdGF0cyBkJ8OpY2hvZ3JhcGhpZQ==?=\r\n");

        assertThat(h.fields()).containsExactly(new Field("subject", "résultats d'échographie"));
    }

    @Test
    void decodesIso88591QAndB() {
        SearchableHeader q = SearchableHeader.parse("Subject: =?ISO-8859-1?Q?H=E9l=E8ne_L=E9ger?=\r\n");
        // "Hélène" in ISO-8859-1 is 48 E9 6C E8 6E 65
        SearchableHeader b = SearchableHeader.parse("Subject: =?iso-8859-1?b?SOls6G5l?=\r\n");

        assertThat(q.fields()).containsExactly(new Field("subject", "hélène léger"));
        assertThat(b.fields()).containsExactly(new Field("subject", "hélène"));
    }

    @Test
    void joinsAdjacentEncodedWordsAcrossAFold() {
        // RFC 2047 6.2: whitespace between adjacent encoded words is not displayed.
        SearchableHeader h = SearchableHeader.parse("Subject: =?UTF-8?Q?Compte-rendu?=\r\n =?UTF-8?Q?_d'hospitalisation?=\r\n");

        assertThat(h.fields()).containsExactly(new Field("subject", "compte-rendu d'hospitalisation"));
    }

    @Test
    void decodesEncodedDisplayNameKeepingAddress() {
        SearchableHeader h = SearchableHeader.parse("From: =?UTF-8?Q?Dr_Andr=C3=A9_Martin?= <andre.martin@chu.example>\r\n");

        assertThat(h.fields()).containsExactly(new Field("from", "dr andré martin <andre.martin@chu.example>"));
    }

    @Test
    void malformedEncodedWordIsLeftAsIs() {
        SearchableHeader h = SearchableHeader.parse("Subject: =?X-UNKNOWN-CHARSET?Q?abc?= and =?broken\r\n");

        assertThat(h.anyValueContains("subject", "and =?broken")).isTrue();
    }

    @Test
    void nullOrEmptyHeaderHasNoFields() {
        assertThat(SearchableHeader.parse(null).fields()).isEmpty();
        assertThat(SearchableHeader.parse("").fields()).isEmpty();
        assertThat(SearchableHeader.parse(null).searchableText()).isEmpty();
    }

    @Test
    void searchableTextHasNamesAndDecodedValues() {
        SearchableHeader h = SearchableHeader.parse("Subject: =?UTF-8?Q?R=C3=A9sultats?=\r\nFrom: a@b\r\n");

        assertThat(h.searchableText()).isEqualTo("subject: résultats\nfrom: a@b\n");
    }
}
