package fr.mssante.ejb.relay.smtp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** What the stored bytes demand of the relay's transaction (ADR 0030). */
class ContentTraitsTest {

    @Test
    void plainAsciiTextNeedsNothing() {
        assertThat(traits("Subject: x\r\n\r\nbody\r\n", StandardCharsets.US_ASCII))
                .isEqualTo(new ContentTraits(false, false, false));
    }

    @Test
    void eightBitBodyNeedsEightBitMimeOnly() {
        assertThat(traits("Subject: x\r\n\r\nH\u00e9l\u00e8ne\r\n", StandardCharsets.UTF_8))
                .isEqualTo(new ContentTraits(true, false, false));
    }

    /** RFC 6532: a UTF-8 header field makes the message internationalised (SMTPUTF8). */
    @Test
    void utf8HeaderNeedsSmtpUtf8() {
        assertThat(traits("Subject: \u00e9chographie\r\n\r\nbody\r\n", StandardCharsets.UTF_8).utf8Header()).isTrue();
    }

    /** A legacy 8-bit header that is not UTF-8 is not RFC 6532 content. */
    @Test
    void latin1HeaderIsNotInternationalised() {
        assertThat(traits("Subject: \u00e9chographie\r\n\r\nbody\r\n", StandardCharsets.ISO_8859_1))
                .isEqualTo(new ContentTraits(true, false, false));
    }

    /** UTF-8 in the body only is not a UTF-8 header. */
    @Test
    void utf8BodyOnlyIsNotAUtf8Header() {
        assertThat(traits("Subject: x\r\n\r\n\u00e9\r\n", StandardCharsets.UTF_8).utf8Header()).isFalse();
    }

    /** RFC 3030 section 3: what DATA cannot carry unchanged needs BINARYMIME. */
    @Test
    void bareLineEndsAndLongLinesAreBinary() {
        assertThat(traits("Subject: x\r\n\r\na\nb\r\n", StandardCharsets.US_ASCII).binary()).isTrue();
        assertThat(traits("Subject: x\r\n\r\na\rb\r\n", StandardCharsets.US_ASCII).binary()).isTrue();
        assertThat(traits("Subject: x\r\n\r\n" + "y".repeat(998) + "\r\n", StandardCharsets.US_ASCII).binary()).isFalse();
        assertThat(traits("Subject: x\r\n\r\n" + "y".repeat(999) + "\r\n", StandardCharsets.US_ASCII).binary()).isTrue();
    }

    private static ContentTraits traits(String text, java.nio.charset.Charset charset) {
        return ContentTraits.of(text.getBytes(charset));
    }
}
