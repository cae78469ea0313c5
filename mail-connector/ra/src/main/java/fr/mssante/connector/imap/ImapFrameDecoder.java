package fr.mssante.connector.imap;

import fr.mssante.connector.imap.ImapFrame.Rejection;
import fr.mssante.connector.imap.protocol.ImapCommandText;
import fr.mssante.connector.imap.protocol.Literal;
import fr.mssante.connector.imap.request.ImapRequestParser;
import fr.mssante.connector.imap.response.ImapResponse;
import fr.mssante.connector.server.MessageSpool;
import fr.mssante.connector.server.PausingDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Assembles complete commands (lines and the literals between them) and hands them up one at a time
 * ({@link PausingDecoder}): after each {@link ImapFrame} the decoder pauses, keeping what follows
 * buffered, until the session has answered and calls {@link #resume()}. Commands are thus executed in
 * order, and the bytes after IDLE or AUTHENTICATE are read only once the session knows they are a
 * "DONE" or a SASL response line.
 *
 * <p>Literals (RFC 3501 section 4.3): after a line ending with {@code {n}} the decoder sends the
 * continuation request itself, then reads exactly n octets; {@code {n+}} (RFC 7888, LITERAL+) is read
 * without one. A literal is checked against its limit before any octet is accepted: the message of an
 * APPEND against the maximum message size (and spooled to disk beyond the spool threshold), any other
 * literal against {@code maxLiteral}. A synchronising literal that is too big is refused at once, so
 * the client never sends it; a non-synchronising one cannot be stopped, so its octets are read and
 * thrown away and the command is refused afterwards (RFC 7888 section 4). Either way the connection
 * stays usable.
 *
 * <p>A {@code literal8} ({@code ~{n}}, RFC 3516 section 4.2) is framed and bounded exactly like a
 * literal; it alone may contain NUL octets. A NUL in any other literal makes the command a BAD once the
 * literal has been read (its octets are already on their way, synchronising or not); the parser refuses
 * NUL in quoted strings, and atoms never admit control characters.
 *
 * <p>Memory per connection is bounded by one line, the lines and in-memory literals of one command
 * (together at most {@code maxLiteral + maxLineLength}) and the spool threshold.
 */
final class ImapFrameDecoder extends PausingDecoder {

    private enum Mode { LINE, LITERAL, SKIP }

    private final ImapLineScanner scanner;
    private final long maxLiteral;
    private final long maxMessageSize;
    private final long maxCommandSize;
    private final Supplier<MessageSpool> spools;

    private Mode mode = Mode.LINE;
    private final List<byte[]> lines = new ArrayList<>();
    private final List<Literal> literals = new ArrayList<>();
    private long commandSize;
    /** Set when the current command is refused: its remaining lines and literals are skipped. */
    private Rejection rejection;
    private String rejectedTag;
    private long remaining;
    private byte[] literalBytes;
    private MessageSpool literalSpool;
    private long literalSize;
    private boolean literalBinary;
    private boolean literalHasNul;

    /**
     * @param maxLineLength  longest line, CRLF included
     * @param maxLiteral     largest literal argument
     * @param maxMessageSize largest APPEND message
     * @param spools         a new spool for each APPEND message
     */
    ImapFrameDecoder(int maxLineLength, long maxLiteral, long maxMessageSize, Supplier<MessageSpool> spools) {
        this.scanner = new ImapLineScanner(maxLineLength);
        this.maxLiteral = maxLiteral;
        this.maxMessageSize = maxMessageSize;
        this.maxCommandSize = maxLiteral + maxLineLength;
        this.spools = spools;
    }

    /** Decodes what follows, starting with anything already buffered. */
    void resume() {
        resumeDecoding();
    }

    @Override
    protected void released() {
        discardCommand();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        discardCommand();
        ctx.fireChannelInactive();
    }

    @Override
    protected void decode(ByteBuf buffer) {
        switch (mode) {
            case LINE -> decodeLine(buffer);
            case LITERAL -> decodeLiteral(buffer);
            case SKIP -> skip(buffer);
        }
    }

    private void decodeLine(ByteBuf buffer) {
        if (!scan(buffer, scanner)) {
            return;
        }
        if (rejection == null && scanner.tooLong()) {
            if (lines.isEmpty()) {
                rejectedTag = tagOf(scanner.head());
            }
            reject(Rejection.LINE_TOO_LONG);
        }
        if (rejection != null) {
            continueRejected(scanner.takeTrailingLiteral());
            return;
        }
        byte[] line = scanner.takeLine();
        if (lines.isEmpty()) {
            rejectedTag = tagOf(line);
        }
        lines.add(line);
        commandSize += line.length;
        LiteralHeader header = LiteralHeader.at(line, line.length);
        if (commandSize > maxCommandSize) {
            reject(Rejection.COMMAND_TOO_LONG);
            continueRejected(header);
        } else if (header == null) {
            ImapCommandText text = new ImapCommandText(List.copyOf(lines), List.copyOf(literals));
            resetCommand();
            emitAndPause(new ImapFrame.Command(text));
        } else {
            startLiteral(header);
        }
    }

    private void startLiteral(LiteralHeader header) {
        boolean message = ImapRequestParser.announcesAppendMessage(new ImapCommandText(lines, literals));
        if (header.size() > (message ? maxMessageSize : maxLiteral)
                || (!message && commandSize + header.size() > maxCommandSize)) {
            reject(!message ? Rejection.LITERAL_TOO_BIG
                    : header.synchronising() ? Rejection.MESSAGE_TOO_BIG : Rejection.MESSAGE_TOO_BIG_NON_SYNCHRONISING);
            continueRejected(header);
            return;
        }
        if (message) {
            literalSpool = spools.get();
        } else {
            literalBytes = new byte[(int) header.size()];
            commandSize += header.size();
        }
        literalSize = header.size();
        literalBinary = header.binary();
        literalHasNul = false;
        remaining = header.size();
        mode = Mode.LITERAL;
        if (header.synchronising()) {
            context().writeAndFlush(new ImapResponse.Continuation("Ready for literal data"));
        }
        if (remaining == 0) {
            endLiteral();
        }
    }

    private void decodeLiteral(ByteBuf buffer) {
        int length = (int) Math.min(remaining, buffer.readableBytes());
        if (!literalBinary && !literalHasNul) {
            literalHasNul = buffer.indexOf(buffer.readerIndex(), buffer.readerIndex() + length, (byte) 0) >= 0;
        }
        if (literalSpool != null) {
            ByteBuf slice = buffer.readSlice(length);
            literalSpool.write(slice);
        } else {
            buffer.readBytes(literalBytes, (int) (literalSize - remaining), length);
        }
        remaining -= length;
        if (remaining == 0) {
            endLiteral();
        }
    }

    private void endLiteral() {
        if (literalHasNul) {
            literalBytes = null;
            reject(Rejection.NUL_IN_LITERAL);
            mode = Mode.LINE;
            return;
        }
        literals.add(literalSpool != null ? new Literal.Spooled(literalSpool, literalSize) : new Literal.Bytes(literalBytes));
        literalSpool = null;
        literalBytes = null;
        mode = Mode.LINE;
    }

    /**
     * In a refused command: a synchronising literal is never sent by the client once refused, so the
     * command ends here; a non-synchronising one is skipped and the command goes on after it.
     */
    private void continueRejected(LiteralHeader header) {
        if (header != null && !header.synchronising()) {
            remaining = header.size();
            mode = Mode.SKIP;
        } else {
            ImapFrame.Rejected rejected = new ImapFrame.Rejected(rejectedTag, rejection);
            resetCommand();
            emitAndPause(rejected);
        }
    }

    private void skip(ByteBuf buffer) {
        int length = (int) Math.min(remaining, buffer.readableBytes());
        buffer.skipBytes(length);
        remaining -= length;
        if (remaining == 0) {
            mode = Mode.LINE;
        }
    }

    private void reject(Rejection reason) {
        rejection = reason;
        discardLiterals();
        lines.clear();
    }

    private void resetCommand() {
        lines.clear();
        literals.clear();
        commandSize = 0;
        rejection = null;
        rejectedTag = null;
        mode = Mode.LINE;
    }

    /** Spooled literals of a command that will not be handed over. */
    private void discardLiterals() {
        for (Literal literal : literals) {
            if (literal instanceof Literal.Spooled spooled) {
                spooled.spool().discard();
            }
        }
        literals.clear();
        if (literalSpool != null) {
            literalSpool.discard();
            literalSpool = null;
        }
    }

    private void discardCommand() {
        discardLiterals();
        lines.clear();
    }

    /** The tag of a command, to answer a refusal: the first word if it is a valid tag, else null. */
    static String tagOf(byte[] line) {
        int end = 0;
        while (end < line.length && line[end] != ' ') {
            byte b = line[end];
            if (b <= 0x20 || b >= 0x7f || b == '(' || b == ')' || b == '{' || b == '%' || b == '*' || b == '"'
                    || b == '\\' || b == '+') {
                return null;
            }
            end++;
        }
        return end == 0 || end > 64 ? null : new String(line, 0, end, StandardCharsets.US_ASCII);
    }
}
