package fr.mssante.connector.imap;

import fr.mssante.connector.fuzz.FuzzRandom;
import fr.mssante.connector.imap.protocol.Literal;
import fr.mssante.connector.imap.response.ImapResponseEncoder;
import fr.mssante.connector.server.ConnectedEmbeddedChannel;
import fr.mssante.connector.server.MessageSpool;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Fuzzing of the IMAP frame decoder (issue 10, item 4; ADR 0031): lines, literal headers of every size
 * and kind, octets, bare LFs, split at random. Framing and continuation requests do not depend on the
 * reads; no line beyond the line limit, no literal beyond its limit and no command beyond the command
 * limit is ever handed up (so memory per connection stays bounded); over-limit lines are refused as such.
 */
class ImapFrameDecoderFuzzTest {

    private static final Duration PER_INPUT = Duration.ofSeconds(5);
    private static final int MAX_LINE = 200;
    private static final int MAX_LITERAL = 100;
    private static final int MAX_MESSAGE = 1000;
    private static final Path SPOOL = temporarySpool();

    private static final List<String> PIECES = List.of(
            "a NOOP", "b LOGIN ", "c APPEND INBOX ", "d APPEND INBOX (\\Seen) ", "e SEARCH TEXT ", "{0}", "{1}", "{5}",
            "{100}", "{101}", "{1000}", "{1001}", "{5+}", "{101+}", "{1001+}", "{4294967296}", "{99999999999999999999+}",
            "{-1}", "{}", "{+}", "{ 5}", "\r\n", "\n", "\r", " ", "x", "\"", "\\", "DONE", "*", "+", "x".repeat(MAX_LINE));

    @Test
    void framesDoNotDependOnReadsAndStayWithinTheLimits() {
        FuzzRandom.run("IMAP frame decoder", random -> oneStream(stream(random), random.readSizes()));
    }

    private void oneStream(byte[] stream, List<Integer> readSizes) {
        Decoded whole = assertTimeoutPreemptively(PER_INPUT, () -> decode(stream, List.of(stream.length + 1)));
        Decoded split = assertTimeoutPreemptively(PER_INPUT, () -> decode(stream, readSizes));

        assertThat(split.frames).isEqualTo(whole.frames);
        assertThat(split.output).isEqualTo(whole.output);
        assertThat(whole.longestLine).isLessThanOrEqualTo(MAX_LINE);
        assertThat(whole.largestLiteral).isLessThanOrEqualTo(MAX_MESSAGE);
        assertThat(whole.largestCommand).isLessThanOrEqualTo(MAX_LITERAL + MAX_LINE + (long) MAX_MESSAGE);
    }

    @Test
    void aLineBeyondTheLimitIsRefusedAndTheNextCommandRead() {
        FuzzRandom.run("IMAP frame decoder, over-limit line", random -> oneOverlongLine(overlong(random), random.readSizes()));
    }

    private void oneOverlongLine(String line, List<Integer> readSizes) {
        byte[] stream = (line + "\r\nz NOOP\r\n").getBytes(StandardCharsets.UTF_8);
        Decoded decoded = assertTimeoutPreemptively(PER_INPUT, () -> decode(stream, readSizes));

        assertThat(decoded.frames).hasSize(2);
        assertThat(decoded.frames.get(0)).endsWith(" LINE_TOO_LONG");
        assertThat(decoded.frames.get(1)).isEqualTo("COMMAND z NOOP");
    }

    private record Decoded(List<String> frames, String output, int longestLine, long largestLiteral, long largestCommand) {
    }

    private static Decoded decode(byte[] stream, List<Integer> readSizes) {
        ImapFrameDecoder decoder = new ImapFrameDecoder(MAX_LINE, MAX_LITERAL, MAX_MESSAGE,
                () -> new MessageSpool(MAX_MESSAGE + 1, SPOOL, "fuzz-"));
        Recorder recorder = new Recorder(decoder);
        ConnectedEmbeddedChannel channel = new ConnectedEmbeddedChannel(ImapResponseEncoder.INSTANCE, decoder, recorder);
        channel.send(stream, readSizes);
        String output = channel.output();
        channel.finishAndReleaseAll();
        return new Decoded(recorder.frames, output, recorder.longestLine, recorder.largestLiteral, recorder.largestCommand);
    }

    /** Plays the session: records each frame and resumes the decoder. */
    private static final class Recorder extends ChannelInboundHandlerAdapter {
        private final ImapFrameDecoder decoder;
        final List<String> frames = new ArrayList<>();
        int longestLine;
        long largestLiteral;
        long largestCommand;

        Recorder(ImapFrameDecoder decoder) {
            this.decoder = decoder;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ImapFrame.Command command) {
                StringBuilder text = new StringBuilder("COMMAND ");
                long size = 0;
                for (byte[] line : command.text().lines()) {
                    longestLine = Math.max(longestLine, line.length);
                    size += line.length;
                    text.append(new String(line, StandardCharsets.ISO_8859_1)).append('|');
                }
                for (Literal literal : command.text().literals()) {
                    largestLiteral = Math.max(largestLiteral, literal.size());
                    size += literal.size();
                    text.append(HexFormat.of().formatHex(octets(literal))).append('|');
                }
                largestCommand = Math.max(largestCommand, size);
                frames.add(text.substring(0, text.length() - 1));
            } else {
                ImapFrame.Rejected rejected = (ImapFrame.Rejected) msg;
                frames.add("REJECTED " + rejected.tag() + " " + rejected.rejection());
            }
            decoder.resume();
        }

        private static byte[] octets(Literal literal) {
            if (literal instanceof Literal.Bytes bytes) {
                return bytes.data();
            }
            Literal.Spooled spooled = (Literal.Spooled) literal;
            try (InputStream in = spooled.spool().content().openStream()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                spooled.spool().discard();
            }
        }
    }

    /** Up to 30 pieces: decoder-shaped pieces 6 times in 7, else up to 300 random octets. */
    private static byte[] stream(FuzzRandom random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int n = random.between(0, 30); n > 0; n--) {
            out.writeBytes(random.oneIn(6, 7) ? random.pick(PIECES).getBytes(StandardCharsets.ISO_8859_1) : random.bytes(300));
        }
        return out.toByteArray();
    }

    /** A tagged printable line of about the limit up to five times it, without a literal header. */
    private static String overlong(FuzzRandom random) {
        return "t " + random.text(' ', '~', MAX_LINE - 1, 5 * MAX_LINE).replace('{', '(') + ")";
    }

    private static Path temporarySpool() {
        try {
            return Files.createTempDirectory("imap-decoder-fuzz-spool");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
