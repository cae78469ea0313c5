package fr.mssante.connector.api.imap;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 3501 section 4.3 strings. */
class ImapStringsTest {

    @Test
    void quotedStringEscapesQuoteAndBackslash() {
        assertThat(ImapStrings.nstring("say \"hi\" \\o/")).isEqualTo("\"say \\\"hi\\\" \\\\o/\"");
        assertThat(ImapStrings.nstring("")).isEqualTo("\"\"");
        assertThat(ImapStrings.nstring(null)).isEqualTo("NIL");
    }

    @Test
    void eightBitAndLineBreaksNeedALiteralCountedInOctets() {
        String octets = new String("\u00e9".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(ImapStrings.nstring(octets)).isEqualTo("{2}\r\n" + octets);
        assertThat(ImapStrings.nstring("a\r\nb")).isEqualTo("{4}\r\na\r\nb");

        StringBuilder sb = new StringBuilder();
        ImapStrings.appendNStringNoLf(sb, "folded\r\n value");
        assertThat(sb).hasToString("\"folded value\"");
    }
}
