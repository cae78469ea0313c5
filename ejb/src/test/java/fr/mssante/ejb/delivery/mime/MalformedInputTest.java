package fr.mssante.ejb.delivery.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bad MIME must never make delivery fail; it degrades the way Dovecot does. */
class MalformedInputTest {

    private final MessageParser parser = new MessageParser();

    @Test
    void missingClosingBoundaryEndsTheLastPartAtEndOfData() {
        byte[] raw = Samples.load("malformed-no-closing-boundary.eml");
        ParsedMessage m = parser.parse(raw);

        assertThat(m.parts()).extracting(MimePart::section).containsExactly("1", "2");
        assertThat(m.part("2").orElseThrow().endOffset()).isEqualTo(raw.length);
        assertThat(m.bodyStructure()).isEqualTo("((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 16 0"
                + " NIL NIL NIL NIL)(\"application\" \"pdf\" (\"name\" \"tronque.pdf\") NIL NIL \"base64\" 110"
                + " NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"b1\") NIL NIL NIL)");
        assertThat(m.textForSearch()).isEqualTo("Premier morceau.");
        assertThat(m.hasAttachments()).isTrue();
    }

    @Test
    void bogusContentTypeAndEncodingAreTextPlain7bit() {
        ParsedMessage m = Samples.parse("malformed-bogus-content-type.eml");

        assertThat(m.bodyStructure())
                .isEqualTo("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 28 1 NIL NIL NIL NIL)");
        assertThat(m.textForSearch()).isEqualTo("Corps lisible malgre tout.\n");
    }

    @Test
    void multipartWithoutBoundaryIsOneTextPart() {
        ParsedMessage m = Samples.parse("malformed-missing-boundary.eml");

        assertThat(m.parts()).hasSize(1);
        assertThat(m.part("1").orElseThrow().contentType()).isEqualTo("text/plain");
        assertThat(m.textForSearch()).contains("--whatever", "Texte.");
    }

    @Test
    void eightBitHeadersGoIntoLiteralsAndAreDecodedForListings() {
        ParsedMessage m = Samples.parse("malformed-8bit-headers.eml");

        String subject = Samples.octets("Résultats d'analyse – urgent");
        String name = new String("Hélène Léger".getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
        assertThat(m.envelope()).isEqualTo("(\"22 Mar 24 10:10 GMT\" {" + subject.length() + "}\r\n" + subject
                + " (({12}\r\n" + name + " NIL \"helene.leger\" \"clinique-exemple.mssante.fr\"))"
                + " (({12}\r\n" + name + " NIL \"helene.leger\" \"clinique-exemple.mssante.fr\"))"
                + " (({12}\r\n" + name + " NIL \"helene.leger\" \"clinique-exemple.mssante.fr\"))"
                + " ((\"Dr.\" NIL \"secretariat\" \"SYNTAX_ERROR\")) NIL NIL NIL"
                + " \"<8bit-0001@chu-exemple.mssante.fr>\")");
        assertThat(ParsedMessage.imapOctets(m.envelope())).containsSequence(
                "Résultats".getBytes(StandardCharsets.UTF_8));
        assertThat(m.subject()).isEqualTo("Résultats d'analyse – urgent");
        assertThat(m.from()).isEqualTo("Hélène Léger <helene.leger@clinique-exemple.mssante.fr>");
        assertThat(m.sentDate()).isEqualTo(OffsetDateTime.parse("2024-03-22T10:10:00Z"));
        assertThat(m.textForSearch()).isEqualTo("Résultats normaux, pas d'inquiétude.\n");
    }

    @Test
    void nulInHeaderIsReplacedSoItFitsImapAndJsonb() {
        byte[] raw = Samples.msg("Subject: a\u0000b\nFrom: x@y\n\nbody\n");
        ParsedMessage m = parser.parse(raw);

        assertThat(m.envelope()).startsWith("(NIL {3}\r\na\u0080b ");
        assertThat(m.subject()).isEqualTo("a b");
        assertThat(m.toJson()).doesNotContain("\\u0000");
    }

    @Test
    void emptyInput() {
        ParsedMessage m = parser.parse(new byte[0]);

        assertThat(m.size()).isZero();
        assertThat(m.envelope()).isEqualTo("(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)");
        assertThat(m.bodyStructure())
                .isEqualTo("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL)");
        assertThat(m.parts()).extracting(MimePart::section).containsExactly("1");
    }

    @Test
    void headerWithoutEmptyLineEndsAtEndOfData() {
        byte[] raw = Samples.msg("Subject: only a header\nFrom: a@b");
        ParsedMessage m = parser.parse(raw);

        assertThat(m.headerSize()).isEqualTo(raw.length);
        assertThat(m.subject()).isEqualTo("only a header");
        assertThat(m.envelope()).contains("((NIL NIL \"a\" \"b\"))");
    }

    @Test
    void bareLfMessageIsParsedToo() {
        byte[] raw = ("Content-Type: multipart/mixed; boundary=z\n\n--z\nContent-Type: text/plain\n\nhi\n--z--\n")
                .getBytes(StandardCharsets.US_ASCII);
        ParsedMessage m = parser.parse(raw);

        MimePart p = m.part("1").orElseThrow();
        assertThat(Samples.slice(raw, p.bodyOffset(), p.endOffset())).isEqualTo("hi");
        assertThat(m.bodyStructure()).startsWith("((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 2 0");
    }

    @Test
    void boundaryInsidePartHeaderEndsThatHeader() {
        byte[] raw = Samples.msg("Content-Type: multipart/mixed; boundary=z\n\n--z\nContent-Type: text/plain\n"
                + "--z\nContent-Type: text/html\n\n<p>x</p>\n--z--\n");
        ParsedMessage m = parser.parse(raw);

        assertThat(m.parts()).extracting(MimePart::contentType).containsExactly("text/plain", "text/html");
        MimePart first = m.part("1").orElseThrow();
        assertThat(first.bodySize()).isZero();
        assertThat(Samples.slice(raw, first.headerOffset(), first.bodyOffset())).isEqualTo("Content-Type: text/plain");
    }

    @Test
    void outerBoundaryClosesInnerPartsWithoutTheirCloseDelimiter() {
        byte[] raw = Samples.msg("Content-Type: multipart/mixed; boundary=outer\n\n--outer\n"
                + "Content-Type: multipart/alternative; boundary=inner\n\n--inner\n\nunclosed\n"
                + "--outer\nContent-Type: text/plain\n\nsecond\n--outer--\n");
        ParsedMessage m = parser.parse(raw);

        assertThat(m.parts()).extracting(MimePart::section).containsExactly("1", "1.1", "2");
        MimePart unclosed = m.part("1.1").orElseThrow();
        assertThat(Samples.slice(raw, unclosed.bodyOffset(), unclosed.endOffset())).isEqualTo("unclosed");
        assertThat(m.part("1").orElseThrow().endOffset()).isEqualTo(unclosed.endOffset());
    }

    @Test
    void nestedMultipartsWithTheSameBoundaryPrefixAreToldApart() {
        byte[] raw = Samples.msg("Content-Type: multipart/mixed; boundary=b\n\n--b\n"
                + "Content-Type: multipart/alternative; boundary=b2\n\n--b2\n\none\n--b2\n\ntwo\n--b2--\n"
                + "--b\n\nthree\n--b--\n");
        ParsedMessage m = parser.parse(raw);

        assertThat(m.parts()).extracting(MimePart::section).containsExactly("1", "1.1", "1.2", "2");
        assertThat(m.textForSearch()).isEqualTo("one\ntwo\nthree");
    }

    @Test
    void boundaryLineWithoutLineBreakAtEndOfData() {
        byte[] raw = Samples.msg("Content-Type: multipart/mixed; boundary=b\n\n--b\n\ntext\n--b");
        ParsedMessage m = parser.parse(raw);

        assertThat(m.parts()).hasSize(1);
        assertThat(Samples.slice(raw, m.part("1").orElseThrow().bodyOffset(), m.part("1").orElseThrow().endOffset()))
                .isEqualTo("text");
    }

    @Test
    void veryDeepNestingIsCapped() {
        StringBuilder sb = new StringBuilder();
        int depth = 300;
        for (int i = 0; i < depth; i++) {
            // "x" suffix: no boundary is a prefix of another (RFC 2046 section 5.1.1 forbids that)
            sb.append("Content-Type: multipart/mixed; boundary=b").append(i).append("x\n\n--b").append(i)
                    .append("x\n");
        }
        sb.append("Content-Type: text/plain\n\ndeep\n");
        for (int i = depth - 1; i >= 0; i--) {
            sb.append("--b").append(i).append("x--\n");
        }
        ParsedMessage m = parser.parse(Samples.msg(sb.toString()));

        assertThat(m.parts()).hasSize(MimeScanner.MAX_DEPTH);
        assertThat(m.parts().get(MimeScanner.MAX_DEPTH - 1).contentType()).isEqualTo("multipart/mixed");
        assertThat(ImapStructureSyntax.isValid(m.bodyStructure())).isTrue();
    }

    @Test
    void tooManyPartsAreCapped() {
        StringBuilder sb = new StringBuilder("Content-Type: multipart/mixed; boundary=b\n\n");
        for (int i = 0; i < 12_000; i++) {
            sb.append("--b\n\n").append(i).append('\n');
        }
        sb.append("--b--\n");
        byte[] raw = Samples.msg(sb.toString());
        ParsedMessage m = parser.parse(raw);

        assertThat(m.parts()).hasSizeLessThanOrEqualTo(MimeScanner.MAX_PARTS);
        assertThat(m.size()).isEqualTo(raw.length);
    }

    @Test
    void hugeLinesInHeaderAndBody() {
        String longValue = "x".repeat(3 * 1024 * 1024);
        byte[] raw = Samples.msg("Subject: " + longValue + "\nX-MSS-Big: " + longValue
                + "\nContent-Type: text/plain\n\n" + longValue + "\nend\n");
        ParsedMessage m = parser.parse(raw);

        assertThat(m.subject()).hasSize(HeaderFields.MAX_VALUE_OCTETS - 1); // value after "Subject:" capped
        assertThat(m.part("1").orElseThrow().bodySize()).isEqualTo(longValue.length() + 2 + 5);
        assertThat(m.part("1").orElseThrow().lines()).isEqualTo(2);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void twentyFiveMebibyteMessageIsStreamed() throws IOException {
        int attachment = 25 * 1024 * 1024;
        String head = "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=big\r\n\r\n--big\r\n"
                + "Content-Type: text/plain\r\n\r\nsee attachment\r\n--big\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n";
        String tail = "\r\n--big--\r\n";
        InputStream in = new GeneratedBase64Message(head, attachment, tail);

        ParsedMessage m = parser.parse(in);

        MimePart att = m.part("2").orElseThrow();
        assertThat(att.bodySize()).isEqualTo(attachment);
        assertThat(m.size()).isEqualTo(head.length() + attachment + tail.length());
        assertThat(m.textForSearch()).isEqualTo("see attachment");
    }

    @Test
    void everyTruncationOfEverySampleParses() {
        for (String name : Samples.ALL) {
            byte[] raw = Samples.load(name);
            for (int len = 0; len <= raw.length; len++) {
                byte[] cut = Arrays.copyOf(raw, len);
                assertThatCode(() -> checkInvariants(cut, parser.parse(cut)))
                        .as("%s truncated at %d", name, len).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void randomlyMutatedSamplesParse() {
        Random random = new Random(20240315L);
        byte[][] junk = {"--".getBytes(), "\r\n".getBytes(), "\n".getBytes(), ":".getBytes(), "=?".getBytes(),
            "\"".getBytes(), "(".getBytes(), "<".getBytes(), ";".getBytes(), {0}, {(byte) 0xe9}, {(byte) 0xff},
            "Content-Type: multipart/mixed; boundary=b\r\n".getBytes(), "--b\r\n".getBytes(),
            "Content-Type: message/rfc822\r\n\r\n".getBytes(), "=\r\n".getBytes()};
        for (int round = 0; round < 3000; round++) {
            byte[] raw = Samples.load(Samples.ALL.get(random.nextInt(Samples.ALL.size())));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int pos = 0;
            for (int k = 0; k < 1 + random.nextInt(6); k++) {
                int at = pos + random.nextInt(Math.max(1, raw.length - pos));
                out.write(raw, pos, Math.min(at, raw.length) - pos);
                out.writeBytes(junk[random.nextInt(junk.length)]);
                pos = Math.min(raw.length, at + random.nextInt(3));
            }
            out.write(raw, pos, raw.length - pos);
            byte[] mutated = out.toByteArray();
            assertThatCode(() -> checkInvariants(mutated, parser.parse(mutated)))
                    .as("round %d", round).doesNotThrowAnyException();
        }
    }

    private static void checkInvariants(byte[] raw, ParsedMessage m) {
        assertThat(m.size()).isEqualTo(raw.length);
        assertThat(m.headerSize()).isBetween(0L, (long) raw.length);
        assertThat(ImapStructureSyntax.isValid(m.envelope())).as(m.envelope()).isTrue();
        assertThat(ImapStructureSyntax.isValid(m.bodyStructure())).as(m.bodyStructure()).isTrue();
        assertThat(ImapStructureSyntax.isValid(m.body())).as(m.body()).isTrue();
        for (MimePart p : m.parts()) {
            assertThat(p.headerOffset()).isLessThanOrEqualTo(p.bodyOffset());
            assertThat(p.bodyOffset()).isLessThanOrEqualTo(p.endOffset());
            assertThat(p.endOffset()).isLessThanOrEqualTo(raw.length);
        }
        assertThat(ParsedMessage.fromJson(m.toJson())).isEqualTo(m);
    }

    /** head + n octets of base64 text in 76-char lines + tail, generated on the fly. */
    private static final class GeneratedBase64Message extends InputStream {
        private final byte[] head;
        private final byte[] tail;
        private final long bodyLength;
        private long pos;

        GeneratedBase64Message(String head, long bodyLength, String tail) {
            this.head = head.getBytes(StandardCharsets.US_ASCII);
            this.tail = tail.getBytes(StandardCharsets.US_ASCII);
            this.bodyLength = bodyLength;
        }

        @Override
        public int read() {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long total = head.length + bodyLength + tail.length;
            if (pos >= total) {
                return -1;
            }
            int n = (int) Math.min(len, total - pos);
            for (int i = 0; i < n; i++, pos++) {
                if (pos < head.length) {
                    b[off + i] = head[(int) pos];
                } else if (pos < head.length + bodyLength) {
                    long j = pos - head.length;
                    int col = (int) (j % 78);
                    b[off + i] = col == 76 ? (byte) '\r' : col == 77 ? (byte) '\n' : (byte) ('A' + (j % 26));
                } else {
                    b[off + i] = tail[(int) (pos - head.length - bodyLength)];
                }
            }
            return n;
        }
    }
}
