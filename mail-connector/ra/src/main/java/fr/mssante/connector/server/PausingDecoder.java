package fr.mssante.connector.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;

/**
 * Base of the frame decoders of the mail protocols: decodes <em>one decision at a time</em>. After each
 * frame that the session must answer before the next bytes can be interpreted, the decoder pauses and
 * keeps what follows buffered until the session calls {@link #resumeDecoding()}.
 *
 * <p>This is what keeps pipelined commands in order while the application is asked asynchronously, and
 * what lets the session decide how the following bytes are read (SMTP message data after 354; IMAP
 * literals, IDLE's DONE, SASL responses; STARTTLS, after which buffered clear text must be thrown
 * away rather than decoded, CVE-2011-0411: {@link #discardBuffered()}).
 *
 * <p>The buffer holds at most what one read brought plus a partial frame: sessions switch auto-read off
 * while they wait, and the subclasses keep bounded state.
 */
public abstract class PausingDecoder extends ChannelInboundHandlerAdapter {

    private ChannelHandlerContext ctx;
    private ByteBuf buffer;
    private boolean paused;
    private boolean draining;

    /** Decodes from {@code buffer}, which is readable; must consume octets or pause. */
    protected abstract void decode(ByteBuf buffer);

    /** Frees what the subclass holds (spools...) when the handler leaves the pipeline. */
    protected void released() {
        // Nothing by default.
    }

    /** Continues decoding, starting with anything already buffered. */
    protected final void resumeDecoding() {
        paused = false;
        // When called from a frame handler during drain(), the running loop simply carries on.
        drain();
    }

    /**
     * Throws away what the client sent after the last frame and says whether there was anything. Used at
     * STARTTLS: octets received in clear after the command must never be read as if they had come over
     * TLS (CVE-2011-0411, RFC 3207 section 5, RFC 3501 section 6.2.1).
     */
    public final boolean discardBuffered() {
        boolean pipelined = buffer != null && buffer.isReadable();
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
        return pipelined;
    }

    /** Hands a frame up and stops decoding until {@link #resumeDecoding()}. */
    protected final void emitAndPause(Object frame) {
        paused = true;
        ctx.fireChannelRead(frame);
    }

    /** Hands something up and goes on decoding (a chunk of message content). */
    protected final void emit(Object message) {
        ctx.fireChannelRead(message);
    }

    protected final ChannelHandlerContext context() {
        return ctx;
    }

    /**
     * Feeds the readable octets to {@code scanner} and marks the scanned ones as read.
     *
     * @return whether the scanner stopped at a frame boundary (it returned false on the last octet read)
     */
    protected static boolean scan(ByteBuf buffer, ByteProcessor scanner) {
        int last = buffer.forEachByte(scanner);
        if (last < 0) {
            buffer.skipBytes(buffer.readableBytes());
            return false;
        }
        buffer.readerIndex(last + 1);
        return true;
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
        released();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
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
                decode(buffer);
            }
        } finally {
            draining = false;
            compact();
        }
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
