package fr.mssante.ejb.delivery.mime;

import fr.mssante.connector.fuzz.FuzzRandom;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Fuzzing of the byte-offset MIME scanner and the fields parsed at delivery (issue 10, item 4; ADR 0031).
 * Messages are assembled from hostile MIME pieces (nested and unterminated multiparts, boundaries that
 * prefix each other, message/rfc822, broken encodings and parameters, groups, comments, encoded words,
 * odd dates, bare CR and LF, 8-bit octets) or mutated from the sample messages. Whatever the input,
 * delivery must not fail (MalformedInputTest's rule): parsing returns, in bounded time, offsets that
 * slice the message, IMAP values that a client can parse, a record that survives its JSON storage, and
 * the same result however the stream arrives.
 */
class MimeScannerFuzzTest {

    private static final Duration PER_INPUT = Duration.ofSeconds(5);
    private static final MessageParser PARSER = new MessageParser(4096);
    private static final List<byte[]> SEEDS = Samples.ALL.stream().map(Samples::load).toList();

    private static final List<String> HEADERS = List.of(
            "From: Marie Dupont <m.dupont@hopital.fr>", "From: =?utf-8?q?Ren=C3=A9?= <r@x.fr>", "From: undisclosed:;",
            "From: (comment) a@b (x) , \"q\\\"uoted\" <@route,@r2:c@d>", "From: <>", "From: @", "From: =?x?b?@@@?=",
            "To: group: a@b.fr, (c) <d@e.fr>;, f@g.fr", "To: \"\" <>", "Cc: =?utf-8?b?w6k=?= <x@y.fr>, ,,",
            "Subject: =?iso-8859-1?q?caf=E9?= =?utf-8?b?w6k=?= Re: [fwd: x]", "Subject: =?unknown?q?x?=",
            "Subject: \u00e9t\u00e9 8-bit", "Date: Mon, 1 Jan 2024 10:00:00 +0100", "Date: 31 Feb 99 25:61:61 -9999",
            "Date: Tue Jan  2 10:00:00 2024", "Date: garbage", "Date:", "Message-ID: <a@b>", "Message-ID: <",
            "In-Reply-To: <x@y> <z@w>", "References: <a@b> junk <c@d", "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=b1", "Content-Type: multipart/mixed; boundary=\"b1\"",
            "Content-Type: multipart/alternative; boundary=b", "Content-Type: multipart/mixed; boundary=b12",
            "Content-Type: multipart/mixed", "Content-Type: multipart/digest; boundary=b1",
            "Content-Type: message/rfc822", "Content-Type: message/global", "Content-Type: text/plain; charset=utf-8",
            "Content-Type: text/plain; charset=x-bogus", "Content-Type: text/html; charset=\"iso-8859-1\"",
            "Content-Type: application/pdf; name*=utf-8''r%C3%A9sultat.pdf", "Content-Type: ;;;=", "Content-Type: /",
            "Content-Type: text/plain; name*0*=utf-8''a%; name*1=b; name*5=c",
            "Content-Disposition: attachment; filename=\"=?utf-8?b?w6k=?=.pdf\"", "Content-Disposition: inline;;",
            "Content-Transfer-Encoding: base64", "Content-Transfer-Encoding: quoted-printable",
            "Content-Transfer-Encoding: 8bit", "Content-Transfer-Encoding: x-uuencode", "Content-ID: <logo@x>",
            "X-Folded: a\r\n\tb\r\n c", " continuation without field", "NoColonHeader", ": empty name");

    private static final List<String> BODY_LINES = List.of(
            "", "text", "--b1", "--b1--", "--b", "--b--", "--b12", "--b12--", "--b1 trailing", "--", "----",
            "SGVsbG8gd29ybGQ=", "SGVsbG8=====", "@@@@", "caf=E9 =\r", "=\r\n", "=ZZ", "=", "soft break=",
            "<html><body><p>x</p><script>y</script></body></html>", "<", "&amp;&#233;&#xFFFFFFFF;", ".", "..",
            "\u00e9\u00e8", "\r", "\n", "\r\r\n");

    @Test
    void anyMessageParsesIntoConsistentOffsetsAndValidImapValues() {
        FuzzRandom.run("MIME scanner", random -> oneMessage(message(random), random.between(1, 8192)));
    }

    private void oneMessage(byte[] raw, int readSize) {
        ParsedMessage parsed = assertTimeoutPreemptively(PER_INPUT, () -> PARSER.parse(raw));

        assertThat(parsed.size()).isEqualTo(raw.length);
        assertThat(parsed.bodyOffset()).isBetween(0L, (long) raw.length);
        Set<String> sections = new HashSet<>();
        for (MimePart part : parsed.parts()) {
            assertThat(sections.add(part.section())).as("unique section %s", part.section()).isTrue();
            assertThat(part.headerOffset()).isBetween(0L, part.bodyOffset());
            assertThat(part.bodyOffset()).isLessThanOrEqualTo(part.endOffset());
            assertThat(part.endOffset()).isLessThanOrEqualTo(raw.length);
            assertThat(part.lines()).isBetween(0L, part.bodySize());
            if (part.isMessage()) {
                assertThat(part.messageBodyOffset()).isBetween(part.bodyOffset(), part.endOffset());
            }
        }
        assertThat(ImapStructureSyntax.isValid(parsed.envelope())).as(parsed.envelope()).isTrue();
        assertThat(ImapStructureSyntax.isValid(parsed.bodyStructure())).as(parsed.bodyStructure()).isTrue();
        assertThat(ImapStructureSyntax.isValid(parsed.body())).as(parsed.body()).isTrue();
        assertThat(ParsedMessage.fromJson(parsed.toJson())).isEqualTo(parsed);
        assertThat(assertTimeoutPreemptively(PER_INPUT, () -> PARSER.parse(trickle(raw, readSize))))
                .as("same result whatever the reads").isEqualTo(parsed);
    }

    /** Assembled 4 times in 7, a mutated sample 2, random octets 1. */
    private static byte[] message(FuzzRandom random) {
        int kind = random.between(0, 6);
        if (kind < 4) {
            return assembled(random);
        }
        if (kind < 6) {
            return new Mutation(random.between(0, Integer.MAX_VALUE - 1), random.between(0, 3), (byte) random.between(-128, 127))
                    .apply(random.pick(SEEDS));
        }
        return random.bytes(2000);
    }

    /** A header, a body of lines and nested parts; line breaks CRLF or LF. */
    private static byte[] assembled(FuzzRandom random) {
        List<String> header = new ArrayList<>();
        for (int n = random.between(0, 8); n > 0; n--) {
            header.add(random.pick(HEADERS));
        }
        List<String> body = new ArrayList<>();
        for (int n = random.between(0, 40); n > 0; n--) {
            body.add(random.nextBoolean() ? random.pick(BODY_LINES) : random.pick(HEADERS));
        }
        String text = String.join("\n", header) + random.pick("\n\n", "\n", "") + String.join("\n", body);
        return (random.nextBoolean() ? text.replace("\n", "\r\n") : text).getBytes(StandardCharsets.UTF_8);
    }

    private record Mutation(int position, int kind, byte value) {
        byte[] apply(byte[] seed) {
            if (seed.length == 0) {
                return seed;
            }
            int at = Math.floorMod(position, seed.length);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            switch (kind) {
                case 0 -> { // truncate
                    out.write(seed, 0, at);
                }
                case 1 -> { // flip one octet
                    out.writeBytes(seed);
                    byte[] mutated = out.toByteArray();
                    mutated[at] = value;
                    return mutated;
                }
                case 2 -> { // insert a line break or a boundary-like line
                    out.write(seed, 0, at);
                    out.writeBytes(value % 2 == 0 ? "\r\n--b1\r\n".getBytes(StandardCharsets.US_ASCII) : new byte[] {'\n'});
                    out.write(seed, at, seed.length - at);
                }
                default -> { // cut a chunk out
                    int end = Math.min(seed.length, at + (value & 0xff));
                    out.write(seed, 0, at);
                    out.write(seed, end, seed.length - end);
                }
            }
            return out.toByteArray();
        }
    }

    /** A stream that returns at most {@code readSize} octets per read, as a socket or a spool file may. */
    private static InputStream trickle(byte[] raw, int readSize) {
        return new ByteArrayInputStream(raw) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, readSize));
            }
        };
    }
}
