package fr.mssante.connector.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decoder alone, fed either in one read or one byte per read: framing must not depend on how the
 * network splits the stream.
 */
class SmtpFrameDecoderTest {

    static final int MAX_COMMAND_LINE = 512;
    private static final int MAX_DATA_LINE = 1000;
    static final int MAX_MESSAGE = 10_000;

    @Test
    void splitsPipelinedCommandsInOrder() {
        assertThat(frames("EHLO client\r\nMAIL FROM:<a@b.fr>\r\nRCPT TO:<c@d.fr>\r\n"))
                .containsExactly("CMD EHLO client", "CMD MAIL FROM:<a@b.fr>", "CMD RCPT TO:<c@d.fr>");
    }

    @Test
    void keepsAnIncompleteLineForTheNextRead() {
        assertThat(frames("NOOP\r\nQUI")).containsExactly("CMD NOOP");
    }

    @Test
    void pausesAfterEachCommandUntilTheSessionResumes() {
        Recorder recorder = new Recorder(false);
        EmbeddedChannel channel = channel(recorder);
        channel.writeInbound(bytes("NOOP\r\nRSET\r\nQUIT\r\n"));
        assertThat(recorder.frames).containsExactly("CMD NOOP");

        recorder.decoder.readCommands();
        assertThat(recorder.frames).containsExactly("CMD NOOP", "CMD RSET");
        channel.finishAndReleaseAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"NOOP\nQUIT\r\n", "NOOP\n\r\n", "\n\r\n"})
    void bareLfInACommandLineRejectsTheWholeLine(String input) {
        assertThat(frames(input + "NOOP\r\n")).containsExactly("REJECTED BARE_LF", "CMD NOOP");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NOOP\rQUIT\r\n", "NOOP\r\r\n", "\r\r\n"})
    void bareCrInACommandLineRejectsTheWholeLine(String input) {
        assertThat(frames(input + "NOOP\r\n")).containsExactly("REJECTED BARE_CR", "CMD NOOP");
    }

    @Test
    void commandLineLimitCountsTheCrlf() {
        String longest = "x".repeat(MAX_COMMAND_LINE - 2);
        assertThat(frames(longest + "\r\n" + longest + "x\r\nNOOP\r\n"))
                .containsExactly("CMD " + longest, "REJECTED LINE_TOO_LONG", "CMD NOOP");
    }

    @Test
    void discardsAnOverlongLineUpToItsEndAndStaysUsable() {
        assertThat(frames("NOOP " + "x".repeat(100_000) + "\r\nQUIT\r\n"))
                .containsExactly("REJECTED LINE_TOO_LONG", "CMD QUIT");
    }

    @Test
    void decodesCommandsAsUtf8() {
        assertThat(frames("RCPT TO:<jos\u00e9@h\u00f4pital.fr>\r\n")).containsExactly("CMD RCPT TO:<jos\u00e9@h\u00f4pital.fr>");
    }

    @Test
    void readsDataUpToTheTerminatorThenCommandsAgain() {
        assertThat(frames("DATA\r\nSubject: hi\r\n\r\nbody\r\n.\r\nQUIT\r\n"))
                .containsExactly("CMD DATA", "DATA [Subject: hi\r\n\r\nbody\r\n] OK", "CMD QUIT");
    }

    @Test
    void anEmptyMessageIsJustTheTerminator() {
        assertThat(frames("DATA\r\n.\r\nQUIT\r\n")).containsExactly("CMD DATA", "DATA [] OK", "CMD QUIT");
    }

    @Test
    void removesTransparencyDots() {
        // RFC 5321 section 4.5.2: the first dot of a line is removed; "." CRLF alone ends the data.
        assertThat(frames("DATA\r\n..\r\n...x\r\n.y\r\na.b\r\n.\r\n"))
                .containsExactly("CMD DATA", "DATA [.\r\n..x\r\ny\r\na.b\r\n] OK");
    }

    /**
     * RFC 3030 section 2: a chunk is exactly its announced octets, whatever they are (dots, CRLF.CRLF, bare LF,
     * commands); what follows is a command again. Fed in one read and byte by byte, the frames agree.
     */
    @Test
    void readsExactlyTheOctetsOfAChunkThenCommandsAgain() {
        assertThat(frames("BDAT 14\r\n.\r\nQUIT\r\n\na.\r\nBDAT 0 LAST\r\nNOOP\r\n"))
                .containsExactly("CMD BDAT 14", "CHUNK [.\r\nQUIT\r\n\na.\r\n]", "CMD BDAT 0 LAST", "CHUNK []",
                        "CMD NOOP");
    }

    /** Chunk octets are passed up as they arrive and every read buffer is released: nothing accumulates. */
    @Test
    void retainsNothingWhileReadingALargeChunk() {
        Recorder recorder = new Recorder(true);
        EmbeddedChannel channel = channel(recorder);
        List<ByteBuf> reads = new ArrayList<>();
        reads.add(bytes("BDAT " + 200 * 64 * 1024 + " LAST\r\n"));
        byte[] block = new byte[64 * 1024];
        for (int i = 0; i < 200; i++) {
            reads.add(Unpooled.wrappedBuffer(block));
        }
        reads.add(bytes("QUIT\r\n"));
        reads.forEach(channel::writeInbound);

        assertThat(reads).allMatch(buffer -> buffer.refCnt() == 0, "released");
        assertThat(recorder.chunkOctets).isEqualTo(200L * 64 * 1024);
        assertThat(recorder.frames).containsExactly("CMD BDAT " + 200 * 64 * 1024 + " LAST", "CHUNK", "CMD QUIT");
        channel.finishAndReleaseAll();
    }

    /** SMTP smuggling vectors: none of them ends the data, every one condemns the message. */
    @ParameterizedTest
    @ValueSource(strings = {"\n.\n", "\r.\n", "\n.\r\n", "\r.\r\n", "\r\n.\n", "\r\n.\r", "\n..\n"})
    void smugglingSequencesAreDataAndCondemnTheMessage(String vector) {
        String smuggled = "MAIL FROM:<attacker@evil.example>\r\nRCPT TO:<victim@hopital-demo.mssante.fr>\r\nDATA\r\n";
        List<String> frames = frames("DATA\r\nSubject: legit\r\n\r\nhello" + vector + smuggled + "spoofed\r\n.\r\nQUIT\r\n");
        assertThat(frames).hasSize(3);
        assertThat(frames.get(0)).isEqualTo("CMD DATA");
        assertThat(frames.get(1)).startsWith("DATA [").matches("(?s).*\\] BARE_(CR|LF)");
        assertThat(frames.get(2)).isEqualTo("CMD QUIT");
    }

    @Test
    void bareCrInAHeaderLineCondemnsTheMessage() {
        assertThat(frames("DATA\r\nSubject: a\rb\r\n\r\nbody\r\n.\r\n"))
                .containsExactly("CMD DATA", "DATA [Subject: a] BARE_CR");
    }

    @Test
    void dataLineLimitCountsTheCrlfButNotTheStuffingDot() {
        String longest = "x".repeat(MAX_DATA_LINE - 2);
        assertThat(frames("DATA\r\n" + longest + "\r\n." + longest + "\r\n.\r\n"))
                .containsExactly("CMD DATA", "DATA [" + longest + "\r\n" + longest + "\r\n] OK");
        List<String> frames = frames("DATA\r\n" + longest + "x\r\nrest\r\n.\r\nNOOP\r\n");
        assertThat(frames).hasSize(3);
        assertThat(frames.get(1)).endsWith("] LINE_TOO_LONG");
        assertThat(frames.get(2)).isEqualTo("CMD NOOP");
    }

    @Test
    void stopsStoringAtTheSizeLimitButReadsToTheTerminator() {
        String line = "y".repeat(98) + "\r\n";
        List<String> frames = frames("DATA\r\n" + line.repeat(2 * MAX_MESSAGE / line.length()) + ".\r\nNOOP\r\n");
        assertThat(frames).hasSize(3);
        assertThat(frames.get(1)).endsWith("] MESSAGE_TOO_LARGE").hasSizeLessThan(MAX_MESSAGE + 30);
        assertThat(frames.get(2)).isEqualTo("CMD NOOP");
    }

    @Test
    void aMessageOfExactlyTheMaximumSizeIsAccepted() {
        String line = "z".repeat(98) + "\r\n";
        String content = line.repeat(MAX_MESSAGE / line.length());
        assertThat(frames("DATA\r\n" + content + ".\r\n")).containsExactly("CMD DATA", "DATA [" + content + "] OK");
    }

    /**
     * Per-connection memory stays bounded: an endless command line or an oversize message is consumed
     * as it arrives, every read buffer is released, nothing accumulates between reads.
     */
    @Test
    void retainsNothingBetweenReadsWhateverTheClientSends() {
        Recorder recorder = new Recorder(true);
        EmbeddedChannel channel = channel(recorder);
        List<ByteBuf> reads = new ArrayList<>();
        reads.add(bytes("NOOP "));
        byte[] xs = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 200; i++) {
            reads.add(Unpooled.wrappedBuffer(xs));
        }
        reads.add(bytes("\r\nDATA\r\n"));
        byte[] line = ("y".repeat(998) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 200; i++) {
            reads.add(Unpooled.wrappedBuffer(line));
        }
        reads.forEach(channel::writeInbound);

        assertThat(reads).allMatch(buffer -> buffer.refCnt() == 0, "released");
        assertThat(recorder.frames).containsExactly("REJECTED LINE_TOO_LONG", "CMD DATA");
        channel.finishAndReleaseAll();
    }

    /** Decodes {@code input} in one read and byte by byte, checks both agree, returns the frames. */
    private static List<String> frames(String input) {
        List<String> whole = decode(input, input.length());
        List<String> bytewise = decode(input, 1);
        assertThat(bytewise).as("same frames whatever the reads").isEqualTo(whole);
        return whole;
    }

    private static List<String> decode(String input, int readSize) {
        return decode(input.getBytes(StandardCharsets.UTF_8), List.of(readSize));
    }

    /** The frames of {@code data} read in reads of the given sizes, cycled (also used by the fuzz test). */
    static List<String> decode(byte[] data, List<Integer> readSizes) {
        Recorder recorder = new Recorder(true);
        EmbeddedChannel channel = channel(recorder);
        for (int i = 0, read = 0; i < data.length; read++) {
            int size = Math.min(readSizes.get(read % readSizes.size()), data.length - i);
            channel.writeInbound(Unpooled.copiedBuffer(data, i, size));
            i += size;
        }
        channel.finishAndReleaseAll();
        return recorder.frames;
    }

    private static EmbeddedChannel channel(Recorder recorder) {
        return new EmbeddedChannel(recorder.decoder, recorder);
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    /** Records frames; when {@code autoResume}, plays the session: DATA switches to data mode. */
    private static final class Recorder extends ChannelInboundHandlerAdapter {
        private static final SmtpCommandParser PARSER = new SmtpCommandParser(FakeSmtpListener.HOSTED_DOMAIN);
        final SmtpFrameDecoder decoder = new SmtpFrameDecoder(MAX_COMMAND_LINE, MAX_DATA_LINE, MAX_MESSAGE);
        final List<String> frames = new ArrayList<>();
        private final ByteArrayOutputStream content = new ByteArrayOutputStream();
        private final boolean autoResume;
        /** Chunk octets seen; chunks over 64 KiB are counted, not kept. */
        long chunkOctets;
        private long chunkSize;

        Recorder(boolean autoResume) {
            this.autoResume = autoResume;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf chunk) {
                chunkOctets += chunk.readableBytes();
                byte[] bytes = new byte[chunk.readableBytes()];
                chunk.readBytes(bytes);
                if (chunkSize <= 64 * 1024) {
                    content.writeBytes(bytes);
                }
                chunk.release();
                return;
            }
            if (msg instanceof SmtpFrame.CommandLine line) {
                frames.add("CMD " + line.text());
                if (autoResume && line.text().equals("DATA")) {
                    decoder.readData();
                    return;
                }
                // As the session does: only a BDAT the parser accepts switches to chunk mode (RFC 3030
                // section 2); a malformed one ("BDAT  x") is refused and the next line is a command.
                if (autoResume && line.text().startsWith("BDAT ")
                        && PARSER.parse(line.text()) instanceof SmtpCommand.Bdat bdat) {
                    chunkSize = bdat.size();
                    decoder.readChunk(chunkSize);
                    return;
                }
            } else if (msg instanceof SmtpFrame.RejectedLine rejected) {
                frames.add("REJECTED " + rejected.violation());
            } else if (msg instanceof SmtpFrame.EndOfData end) {
                frames.add("DATA [" + content.toString(StandardCharsets.UTF_8) + "] "
                        + (end.violation() == null ? "OK" : end.violation()));
                content.reset();
            } else if (msg instanceof SmtpFrame.EndOfChunk) {
                frames.add(chunkSize > 64 * 1024 ? "CHUNK" : "CHUNK [" + content.toString(StandardCharsets.UTF_8) + "]");
                content.reset();
            }
            if (autoResume) {
                decoder.readCommands();
            }
        }
    }
}
