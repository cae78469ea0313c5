package fr.mssante.connector.imap;

import fr.mssante.connector.imap.ImapFrame.Rejection;
import fr.mssante.connector.imap.protocol.Literal;
import fr.mssante.connector.imap.response.ImapResponseEncoder;
import fr.mssante.connector.server.MessageSpool;
import fr.mssante.connector.server.TestThreads;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The decoder alone on an embedded channel: framing, literals, limits, one frame at a time. */
class ImapFrameDecoderTest {

    @TempDir
    Path spoolDirectory;

    private final List<ImapFrame> frames = new ArrayList<>();
    private ImapFrameDecoder decoder;
    private EmbeddedChannel channel;

    private void start(int maxLine, long maxLiteral, long maxMessage, long spoolThreshold) {
        decoder = new ImapFrameDecoder(maxLine, maxLiteral, maxMessage,
                () -> new MessageSpool(spoolThreshold, spoolDirectory, "t-"));
        channel = new EmbeddedChannel(ImapResponseEncoder.INSTANCE, decoder, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                frames.add((ImapFrame) msg);
            }
        });
    }

    private void write(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
    }

    private String output() {
        StringBuilder out = new StringBuilder();
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
            out.append(buf.toString(StandardCharsets.ISO_8859_1));
            buf.release();
        }
        return out.toString();
    }

    private static String line(ImapFrame frame, int index) {
        return new String(((ImapFrame.Command) frame).text().lines().get(index), StandardCharsets.ISO_8859_1);
    }

    @Test
    void oneCommandAtATimeWhateverTheReads() {
        start(100, 100, 1000, 1000);
        write("a1 NO");
        write("OP\r\na2 CAPA");
        write("BILITY\r\na3 LOGOUT\n");
        assertThat(frames).hasSize(1);
        assertThat(line(frames.get(0), 0)).isEqualTo("a1 NOOP");
        decoder.resume();
        assertThat(frames).hasSize(2);
        assertThat(line(frames.get(1), 0)).isEqualTo("a2 CAPABILITY");
        decoder.resume();
        assertThat(line(frames.get(2), 0)).as("bare LF accepted").isEqualTo("a3 LOGOUT");
    }

    @Test
    void synchronisingLiteralGetsAContinuationRequest() {
        start(100, 100, 1000, 1000);
        write("a LOGIN {5}\r\n");
        assertThat(output()).isEqualTo("+ Ready for literal data\r\n");
        assertThat(frames).isEmpty();
        write("al");
        write("ice {6+}\r\nsecret\r\n");
        assertThat(output()).as("no continuation for a non-synchronising literal").isEmpty();
        ImapFrame.Command command = (ImapFrame.Command) frames.get(0);
        assertThat(command.text().lines()).hasSize(3);
        assertThat(command.text().literals()).extracting(l -> new String(((Literal.Bytes) l).data(), StandardCharsets.US_ASCII))
                .containsExactly("alice", "secret");
    }

    @Test
    void emptyLiteral() {
        start(100, 100, 1000, 1000);
        write("a LOGIN {0+}\r\n x\r\n");
        assertThat(((ImapFrame.Command) frames.get(0)).text().literals()).hasSize(1);
    }

    @Test
    void lineTooLongIsRefusedWithItsTagAndTheNextLineIsRead() {
        start(20, 100, 1000, 1000);
        write("tag1 NOOP " + "x".repeat(30) + "\r\nb NOOP\r\n");
        assertThat(frames.get(0)).isEqualTo(new ImapFrame.Rejected("tag1", Rejection.LINE_TOO_LONG));
        decoder.resume();
        assertThat(line(frames.get(1), 0)).isEqualTo("b NOOP");
    }

    @Test
    void lineOfExactlyTheLimitIsAccepted() {
        start(20, 100, 1000, 1000);
        write("a NOOP " + "x".repeat(11) + "\r\n");
        assertThat(frames.get(0)).isInstanceOf(ImapFrame.Command.class);
    }

    @Test
    void literalTooBig() {
        start(100, 10, 1000, 1000);
        write("a LOGIN {11}\r\n");
        assertThat(frames).containsExactly(new ImapFrame.Rejected("a", Rejection.LITERAL_TOO_BIG));
        assertThat(output()).as("no continuation request").isEmpty();
        decoder.resume();
        write("b LOGIN {11+}\r\n0123456789X {2+}\r\nxy\r\nc NOOP\r\n");
        assertThat(frames.get(1)).isEqualTo(new ImapFrame.Rejected("b", Rejection.LITERAL_TOO_BIG));
        decoder.resume();
        assertThat(line(frames.get(2), 0)).as("the skipped literal was not read as a command").isEqualTo("c NOOP");
    }

    @Test
    void appendMessageHasItsOwnLimitAndIsSpooled() throws IOException {
        start(100, 10, 50, 10);
        write("a APPEND INBOX {51}\r\n");
        assertThat(frames).containsExactly(new ImapFrame.Rejected("a", Rejection.MESSAGE_TOO_BIG));
        decoder.resume();
        write("b APPEND INBOX {51+}\r\n" + "m".repeat(51) + "\r\n");
        assertThat(frames.get(1)).isEqualTo(new ImapFrame.Rejected("b", Rejection.MESSAGE_TOO_BIG_NON_SYNCHRONISING));
        decoder.resume();
        write("c APPEND INBOX {30}\r\n");
        assertThat(output()).isEqualTo("+ Ready for literal data\r\n");
        write("m".repeat(30) + "\r\n");
        Literal literal = ((ImapFrame.Command) frames.get(2)).text().literals().get(0);
        assertThat(literal).isInstanceOf(Literal.Spooled.class);
        assertThat(spoolFiles()).as("beyond the spool threshold: on disk").hasSize(1);
        try (InputStream in = ((Literal.Spooled) literal).spool().content().openStream()) {
            assertThat(in.readAllBytes()).hasSize(30);
        }
        ((Literal.Spooled) literal).spool().discard();
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void aMailboxLiteralOfAppendIsAnArgument() {
        start(100, 10, 1000, 1000);
        write("a APPEND {11}\r\n");
        assertThat(frames).containsExactly(new ImapFrame.Rejected("a", Rejection.LITERAL_TOO_BIG));
    }

    @Test
    void aSpoolInProgressIsDeletedWhenTheConnectionDrops() throws IOException {
        start(100, 10, 1000, 0);
        write("a APPEND INBOX {100+}\r\nsome of it");
        assertThat(spoolFiles()).hasSize(1);
        channel.close();
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void commandTooLongInTotal() {
        start(100, 10, 1000, 1000);
        // maxLiteral + maxLineLength octets for all lines and literals of one command.
        StringBuilder command = new StringBuilder("a LOGIN");
        for (int i = 0; i < 30; i++) {
            command.append(" {5+}\r\n12345");
        }
        write(command + "\r\nb NOOP\r\n");
        assertThat(frames.get(0)).isEqualTo(new ImapFrame.Rejected("a", Rejection.COMMAND_TOO_LONG));
        decoder.resume();
        assertThat(line(frames.get(1), 0)).isEqualTo("b NOOP");
    }

    @Test
    void literal8CarriesNulOctetsWithTheSameLimits() throws IOException {
        start(100, 10, 50, 1000);
        write("a APPEND INBOX ~{5}\r\n");
        assertThat(output()).as("synchronising literal8: a continuation request").isEqualTo("+ Ready for literal data\r\n");
        write("a\0b\0c\r\n");
        Literal literal = ((ImapFrame.Command) frames.get(0)).text().literals().get(0);
        try (InputStream in = ((Literal.Spooled) literal).spool().content().openStream()) {
            assertThat(in.readAllBytes()).containsExactly('a', 0, 'b', 0, 'c');
        }
        ((Literal.Spooled) literal).spool().discard();
        decoder.resume();
        write("b APPEND INBOX UTF8 (~{3+}\r\n\0\0\0)\r\n");
        assertThat(line(frames.get(1), 1)).isEqualTo(")");
        ((Literal.Spooled) ((ImapFrame.Command) frames.get(1)).text().literals().get(0)).spool().discard();
        decoder.resume();
        write("c APPEND INBOX ~{51}\r\n");
        assertThat(frames.get(2)).as("the message size applies to literal8").isEqualTo(new ImapFrame.Rejected("c", Rejection.MESSAGE_TOO_BIG));
        decoder.resume();
        write("d LOGIN ~{11+}\r\n0123456789X\r\n");
        assertThat(frames.get(3)).as("maxLiteral applies to literal8").isEqualTo(new ImapFrame.Rejected("d", Rejection.LITERAL_TOO_BIG));
    }

    @Test
    void nulInAnOrdinaryLiteralRefusesTheCommandAfterReadingIt() throws IOException {
        start(100, 10, 50, 0);
        write("a APPEND INBOX {3}\r\n");
        write("x\0y\r\nb NOOP\r\n");
        assertThat(frames).containsExactly(new ImapFrame.Rejected("a", Rejection.NUL_IN_LITERAL));
        assertThat(spoolFiles()).as("the message spool is discarded").isEmpty();
        decoder.resume();
        assertThat(line(frames.get(1), 0)).as("the literal's octets were not read as a command").isEqualTo("b NOOP");
        decoder.resume();
        write("c LOGIN {2+}\r\n\0\0 {3+}\r\nabc\r\nd NOOP\r\n");
        assertThat(frames.get(2)).isEqualTo(new ImapFrame.Rejected("c", Rejection.NUL_IN_LITERAL));
        decoder.resume();
        assertThat(line(frames.get(3), 0)).as("the rest of the refused command was skipped").isEqualTo("d NOOP");
    }

    @Test
    void tagOfARefusedCommand() {
        assertThat(ImapFrameDecoder.tagOf("a1 x".getBytes(StandardCharsets.US_ASCII))).isEqualTo("a1");
        assertThat(ImapFrameDecoder.tagOf("+ x".getBytes(StandardCharsets.US_ASCII))).isNull();
        assertThat(ImapFrameDecoder.tagOf(" x".getBytes(StandardCharsets.US_ASCII))).isNull();
        assertThat(ImapFrameDecoder.tagOf("{5}".getBytes(StandardCharsets.US_ASCII))).isNull();
    }

    private List<Path> spoolFiles() throws IOException {
        return TestThreads.files(spoolDirectory);
    }
}
