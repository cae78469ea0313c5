package fr.mssante.connector.imap;

import fr.mssante.connector.imap.response.ImapResponse;
import fr.mssante.connector.imap.protocol.MailboxNames;
import fr.mssante.connector.imap.response.ImapResponseEncoder;
import fr.mssante.connector.imap.session.ImapConnection;
import fr.mssante.connector.imap.session.ImapEngine;
import fr.mssante.connector.imap.session.ImapSession;
import fr.mssante.connector.server.ClientAddress;
import fr.mssante.connector.server.ServerShutdownEvent;
import fr.mssante.connector.tls.ServerTls;
import fr.mssante.connector.tls.TlsPipeline;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Connects one {@link ImapSession} to its channel: hands it the frames of the {@link ImapFrameDecoder},
 * writes its responses, and resumes reading when it asks for the next command.
 *
 * <p>Auto-read is off from the moment a command is complete until the session asks for the next one:
 * the decoder keeps at most what one read brought while a command runs, however much the client
 * pipelines.
 *
 * <p>On an implicit TLS port the session, and its greeting, start only once the handshake has succeeded.
 */
final class ImapSessionHandler extends ChannelInboundHandlerAdapter implements ImapConnection {

    private static final Logger LOG = Logger.getLogger(ImapSessionHandler.class.getName());

    private final ImapEngine engine;
    private final ImapFrameDecoder decoder;
    private final ServerTls tls;
    private final Consumer<ImapSession> opened;
    private ChannelHandlerContext ctx;
    private ImapSession session;

    /**
     * @param tls    for STARTTLS, null when TLS is not configured
     * @param opened told of each new session before its greeting (see {@link ImapServer})
     */
    ImapSessionHandler(ImapEngine engine, ImapFrameDecoder decoder, ServerTls tls, Consumer<ImapSession> opened) {
        this.engine = engine;
        this.decoder = decoder;
        this.tls = tls;
        this.opened = opened;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        Future<Channel> handshake = TlsPipeline.implicitHandshake(ctx.channel());
        if (handshake == null) {
            open(false);
        } else {
            // Auto-read stays on meanwhile: the handshake itself must be read.
            handshake.addListener(done -> {
                if (done.isSuccess()) {
                    open(true);
                }
            });
        }
        ctx.fireChannelActive();
    }

    private void open(boolean implicitTls) {
        ctx.channel().config().setAutoRead(false);
        session = engine.newSession(this);
        if (implicitTls) {
            session.tlsStarted(TlsPipeline.clientCertificate(ctx.channel()));
        }
        opened.accept(session);
        LOG.fine(() -> "IMAP connection from " + clientAddress() + (implicitTls ? " over TLS" : ""));
        session.start();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (session == null) {
            ReferenceCountUtil.release(msg);
        } else if (msg instanceof ImapFrame.Command command) {
            ctx.channel().config().setAutoRead(false);
            session.onCommand(command.text());
        } else if (msg instanceof ImapFrame.Rejected rejected) {
            ctx.channel().config().setAutoRead(false);
            reject(rejected);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void reject(ImapFrame.Rejected rejected) {
        switch (rejected.rejection()) {
            case LINE_TOO_LONG -> session.onRejected(rejected.tag(), null, true, "Command line too long");
            case COMMAND_TOO_LONG -> session.onRejected(rejected.tag(), null, true, "Command too long");
            case LITERAL_TOO_BIG -> session.onRejected(rejected.tag(), "TOOBIG", true, "Literal too big");
            // RFC 7889 (APPENDLIMIT) for the synchronising literal, RFC 7888 section 4 for the other.
            case MESSAGE_TOO_BIG -> session.onRejected(rejected.tag(), "TOOBIG", false, "Message too big");
            case MESSAGE_TOO_BIG_NON_SYNCHRONISING -> session.onRejected(rejected.tag(), "TOOBIG", true, "Message too big");
            case NUL_IN_LITERAL -> session.onRejected(rejected.tag(), null, true, "NUL octet in a literal (use literal8)");
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (session == null) {
            ctx.fireUserEventTriggered(event);
        } else if (event instanceof IdleStateEvent) {
            session.onIdleTimeout();
        } else if (event == ServerShutdownEvent.INSTANCE) {
            session.onShutdown();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null) {
            session.onClose();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A peer resetting the connection is routine; anything else is a bug worth a stack trace.
        LOG.log(cause instanceof IOException || TlsPipeline.isTlsFailure(cause) ? Level.FINE : Level.WARNING,
                "IMAP connection closed after error", cause);
        ctx.close();
    }

    // ---------------------------------------------------------------- ImapConnection

    @Override
    public void write(ImapResponse response) {
        ctx.write(response);
    }

    @Override
    public void flush() {
        ctx.flush();
    }

    @Override
    public void flushThen(Runnable next) {
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(future -> {
            if (future.isSuccess()) {
                next.run();
            }
        });
    }

    @Override
    public void readNext() {
        if (ctx.channel().isActive()) {
            ctx.channel().config().setAutoRead(true);
            decoder.resume();
        }
    }

    @Override
    public void close() {
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void execute(Runnable task) {
        ctx.executor().execute(task);
    }

    @Override
    public void schedule(Runnable task, Duration delay) {
        ctx.executor().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public String clientAddress() {
        return ClientAddress.text(ctx.channel());
    }

    @Override
    public boolean discardPipelined() {
        return decoder.discardBuffered();
    }

    @Override
    public void acceptUtf8() {
        ctx.channel().attr(ImapResponseEncoder.MAILBOX_NAMES).set(MailboxNames.Encoding.UTF8);
    }

    @Override
    public void startCompression(ImapResponse ready) {
        // Encoded and handed to the layers below right away, on this event loop: ahead of the deflater.
        ctx.writeAndFlush(ready);
        DeflatePipeline.add(ctx.channel());
    }

    /** The decoder stays paused until {@code started} asks for the next command, over TLS. */
    @Override
    public void startTls(ImapResponse ready, Consumer<X509Certificate> started) {
        Future<Channel> handshake = TlsPipeline.startTls(ctx.channel(), tls);
        ctx.writeAndFlush(ready);
        // The handshake must be read although no command is.
        ctx.channel().config().setAutoRead(true);
        handshake.addListener(done -> {
            if (done.isSuccess()) {
                started.accept(TlsPipeline.clientCertificate(ctx.channel()));
            }
        });
    }
}
