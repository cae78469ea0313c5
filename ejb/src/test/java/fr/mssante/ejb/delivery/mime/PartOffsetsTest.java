package fr.mssante.ejb.delivery.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The part table must let an IMAP server serve BODY[section] by slicing the raw message. */
class PartOffsetsTest {

    static java.util.List<String> samples() {
        return Samples.ALL;
    }

    @Test
    void singlePartMessageIsSectionOneWithTheMessageHeaderAsMime() {
        byte[] raw = Samples.load("qp-utf8.eml");
        ParsedMessage m = new MessageParser().parse(raw);

        MimePart p = m.part("1").orElseThrow();
        assertThat(p.headerOffset()).isZero();
        assertThat(p.bodyOffset()).isEqualTo(m.bodyOffset()).isEqualTo(556);
        assertThat(p.endOffset()).isEqualTo(m.size()).isEqualTo(raw.length);
        assertThat(Samples.slice(raw, p.bodyOffset(), p.endOffset())).startsWith("Ch=C3=A8re cons=C5=93ur,\r\n")
                .endsWith("Dr Jean Martin\r\n");
        assertThat(Samples.slice(raw, 0, m.headerSize())).startsWith("Return-Path:").endsWith("printable\r\n\r\n");
    }

    @Test
    void multipartPartsSliceToTheirMimeHeaderAndBody() {
        byte[] raw = Samples.load("alternative.eml");
        ParsedMessage m = new MessageParser().parse(raw);

        MimePart plain = m.part("1").orElseThrow();
        assertThat(Samples.slice(raw, plain.headerOffset(), plain.bodyOffset()))
                .isEqualTo("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
        // The CRLF before the next boundary belongs to the boundary (RFC 2046 section 5.1.1).
        assertThat(new String(Arrays.copyOfRange(raw, (int) plain.bodyOffset(), (int) plain.endOffset()),
                java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("Le rendez-vous de suivi est fixé au 2 avril à 9h30.\r\nMerci de prévenir la patiente.\r\n");
        assertThat(Samples.slice(raw, plain.endOffset(), plain.endOffset() + 4)).isEqualTo("\r\n--");

        MimePart html = m.part("2").orElseThrow();
        assertThat(Samples.slice(raw, html.bodyOffset(), html.endOffset())).startsWith("<html>").endsWith("</html>\r\n");
        assertThat(html.lines()).isEqualTo(4);
    }

    @Test
    void base64AttachmentsDecodeToTheOriginalFiles() {
        byte[] raw = Samples.load("mixed-attachments.eml");
        ParsedMessage m = new MessageParser().parse(raw);

        MimePart pdf = m.part("2").orElseThrow();
        MimePart zip = m.part("3").orElseThrow();
        assertThat(Base64.getMimeDecoder().decode(Samples.slice(raw, pdf.bodyOffset(), pdf.endOffset())))
                .isEqualTo(Samples.resource("compte-rendu.pdf.bin"));
        assertThat(Base64.getMimeDecoder().decode(Samples.slice(raw, zip.bodyOffset(), zip.endOffset())))
                .isEqualTo(Samples.resource("IHE_XDM.zip.bin"));
        assertThat(Samples.slice(raw, zip.headerOffset(), zip.bodyOffset()))
                .startsWith("Content-Type: application/zip").endsWith("filename=\"IHE_XDM.zip\"\r\n\r\n");
    }

    @Test
    void messageRfc822PartHasHeaderAndTextSlices() {
        byte[] raw = Samples.load("nested-rfc822.eml");
        ParsedMessage m = new MessageParser().parse(raw);

        MimePart msg = m.part("2").orElseThrow();
        assertThat(msg.isMessage()).isTrue();
        assertThat(Samples.slice(raw, msg.headerOffset(), msg.bodyOffset()))
                .isEqualTo("Content-Type: message/rfc822\r\nContent-Description: Message transfere\r\n\r\n");
        // BODY[2.HEADER]
        assertThat(Samples.slice(raw, msg.bodyOffset(), msg.messageBodyOffset()))
                .startsWith("Message-ID: <alt-0001@chu-exemple.mssante.fr>\r\n")
                .endsWith("boundary=\"inner\"\r\n\r\n");
        // BODY[2.TEXT]
        assertThat(Samples.slice(raw, msg.messageBodyOffset(), msg.endOffset()))
                .startsWith("--inner\r\n").endsWith("--inner--\r\n");
        // BODY[2.1] and BODY[2.2.MIME]
        MimePart inner1 = m.part("2.1").orElseThrow();
        assertThat(Samples.slice(raw, inner1.bodyOffset(), inner1.endOffset())).isEqualTo("Rendez-vous le 2 avril.");
        MimePart inner2 = m.part("2.2").orElseThrow();
        assertThat(Samples.slice(raw, inner2.headerOffset(), inner2.bodyOffset()))
                .isEqualTo("Content-Type: text/html; charset=utf-8\r\n\r\n");
    }

    @Test
    void singlePartEncapsulatedMessageIsNumberedUnderItsPart() {
        byte[] raw = Samples.msg("Content-Type: multipart/mixed; boundary=b\n\n"
                + "--b\nContent-Type: message/rfc822\n\nSubject: inner\n\ninner body\n--b--\n");
        ParsedMessage m = new MessageParser().parse(raw);

        assertThat(m.parts()).extracting(MimePart::section).containsExactly("1", "1.1");
        MimePart inner = m.part("1.1").orElseThrow();
        assertThat(Samples.slice(raw, inner.headerOffset(), inner.bodyOffset())).isEqualTo("Subject: inner\r\n\r\n");
        assertThat(Samples.slice(raw, inner.bodyOffset(), inner.endOffset())).isEqualTo("inner body");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void partsAreWellFormedOnEverySample(String name) {
        byte[] raw = Samples.load(name);
        ParsedMessage m = new MessageParser().parse(raw);

        assertThat(m.size()).isEqualTo(raw.length);
        assertThat(m.parts()).isNotEmpty();
        for (MimePart p : m.parts()) {
            assertThat(p.headerOffset()).isBetween(0L, p.bodyOffset());
            assertThat(p.bodyOffset()).isLessThanOrEqualTo(p.endOffset());
            assertThat(p.endOffset()).isLessThanOrEqualTo(raw.length);
            String header = Samples.slice(raw, p.headerOffset(), p.bodyOffset());
            assertThat(header.isEmpty() || header.endsWith("\r\n\r\n") || header.equals("\r\n")
                    || p.bodyOffset() == p.endOffset()).as("header of %s", p.section()).isTrue();
            if (p.headerOffset() > 0) {
                assertThat(raw[(int) p.headerOffset() - 1]).as("part %s starts a line", p.section()).isEqualTo((byte) '\n');
            }
            long lf = 0;
            for (long i = p.bodyOffset(); i < p.endOffset(); i++) {
                lf += raw[(int) i] == '\n' ? 1 : 0;
            }
            assertThat(p.lines()).as("lines of %s", p.section()).isEqualTo(lf);
        }
    }
}
