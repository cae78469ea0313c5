package fr.mssante.ejb.dsn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

class ReturnedContentTest {

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void retFullReturnsTheWholeMessage() {
        ReturnedContent r = ReturnedContent.of(ascii("Subject: a\r\n\r\nbody\r\n"), true, 100);
        assertThat(r.contentType()).isEqualTo("message/rfc822");
        assertThat(r.bytes()).isEqualTo(ascii("Subject: a\r\n\r\nbody\r\n"));
        assertThat(r.transferEncoding()).isEqualTo("7bit");
    }

    @Test
    void retHdrsReturnsTheHeaderFieldsWithoutTheEmptyLine() {
        ReturnedContent r = ReturnedContent.of(ascii("Subject: a\r\nTo: b\r\n\r\nbody\r\n"), false, 100);
        assertThat(r.contentType()).isEqualTo("text/rfc822-headers");
        assertThat(r.bytes()).isEqualTo(ascii("Subject: a\r\nTo: b\r\n"));
    }

    @Test
    void aMessageAboveTheLimitFallsBackToItsHeader() {
        byte[] big = ascii("Subject: a\r\n\r\n" + "x".repeat(200));
        ReturnedContent r = ReturnedContent.of(big, true, 100);
        assertThat(r.contentType()).isEqualTo("text/rfc822-headers");
        assertThat(r.bytes()).isEqualTo(ascii("Subject: a\r\n"));
    }

    @Test
    void aTruncatedHeaderIsCutAfterItsLastCompleteLine() {
        ReturnedContent r = ReturnedContent.of(ascii("Subject: a\r\nX-Long: bbbbbbb"), false, 100);
        assertThat(r.bytes()).isEqualTo(ascii("Subject: a\r\n"));
    }

    @Test
    void eightBitContentIsDeclaredEightBit() {
        ReturnedContent r = ReturnedContent.of("Subject: é\r\n\r\n".getBytes(StandardCharsets.UTF_8), true, 100);
        assertThat(r.transferEncoding()).isEqualTo("8bit");
    }
}
