package fr.mssante.connector.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Turns the byte stream into {@link SmtpFrame}s and message content chunks, <em>one decision at a
 * time</em>: after each command line, and after the end of data, the decoder pauses and keeps the
 * following bytes buffered until the session tells it how to read them ({@link #readCommands()} or
 * {@link #readData()}).
 *
 * <p>Why pause after every command rather than decode everything that arrived:
 * <ul>
 *   <li>PIPELINING (RFC 2920): a client may send MAIL, several RCPT and DATA in one packet. RCPT is
 *       checked asynchronously by the application, yet replies must come back in order, so the next
 *       command must wait for the previous reply.</li>
 *   <li>Whether the bytes after DATA are message content or commands depends on the reply to DATA
 *       (354 or an error), which only the session knows (RFC 2920 section 3.1).</li>
 *   <li>The same holds for the commands that change how the stream is read, which later versions will
 *       add: after STARTTLS, bytes pipelined in clear text must be thrown away, not decoded once TLS is
 *       up (CVE-2011-0411); the STARTTLS handling will empty this buffer instead of resuming.</li>
 * </ul>
 *
 * <p>The buffer holds at most what one read brought plus a partial line: the session switches
 * auto-read off while it waits for the application, and {@link CommandLineScanner} and
 * {@link DataScanner} keep no more than a bounded line or chunk.
 */
final class SmtpFrameDecoder extends ChannelInboundHandlerAdapter {

    private static final int CHUNK_SIZE = 8192;

    private final CommandLineScanner commandScanner;
    private final DataScanner dataScanner;

    private ChannelHandlerContext ctx;
    private ByteBuf buffer;
    private boolean dataMode;
    private boolean paused;
    private boolean draining;

    SmtpFrameDecoder(int maxCommandLineLength, int maxDataLineLength, long maxMessageSize) {
        this.commandScanner = new CommandLineScanner(maxCommandLineLength);
        this.dataScanner = new DataScanner(maxDataLineLength, maxMessageSize);
    }

    /** Decodes what follows as command lines, starting with anything already buffered. */
    void readCommands() {
        dataMode = false;
        resume();
    }

    /** Decodes what follows as message data, up to and including the terminator. */
    void readData() {
        dataMode = true;
        resume();
    }

    private void resume() {
        paused = false;
        // When called from a frame handler during drain(), the running loop simply carries on.
        drain();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf in = (ByteBuf) msg;
        buffer = buffer == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), buffer, in);
        drain();
    }

    private void drain() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            while (!paused && buffer != null && buffer.isReadable()) {
                if (dataMode) {
                    decodeData();
                } else {
                    decodeCommand();
                }
            }
        } finally {
            draining = false;
            compact();
        }
    }

    private void decodeCommand() {
        int last = buffer.forEachByte(commandScanner);
        if (consume(last)) {
            paused = true;
            ctx.fireChannelRead(commandScanner.takeLine());
        }
    }

    private void decodeData() {
        ByteBuf chunk = ctx.alloc().buffer(Math.min(CHUNK_SIZE, buffer.readableBytes() + 1));
        consume(buffer.forEachByte(dataScanner.writeTo(chunk)));
        if (chunk.isReadable()) {
            ctx.fireChannelRead(chunk);
        } else {
            chunk.release();
        }
        if (dataScanner.ended()) {
            dataMode = false;
            paused = true;
            ctx.fireChannelRead(new SmtpFrame.EndOfData(dataScanner.finish()));
        }
    }

    /** Marks the scanned bytes as read; returns whether the scanner stopped early (frame boundary). */
    private boolean consume(int lastScanned) {
        if (lastScanned < 0) {
            buffer.skipBytes(buffer.readableBytes());
            return false;
        }
        buffer.readerIndex(lastScanned + 1);
        return true;
    }

    private void compact() {
        if (buffer == null) {
            return;
        }
        if (buffer.isReadable()) {
            buffer.discardSomeReadBytes();
        } else {
            buffer.release();
            buffer = null;
        }
    }
}
