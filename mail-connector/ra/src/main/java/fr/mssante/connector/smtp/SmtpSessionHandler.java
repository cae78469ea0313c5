package fr.mssante.connector.smtp;

import fr.mssante.connector.api.metrics.MailMetrics;
import fr.mssante.connector.api.metrics.MailMetricsSink;
import fr.mssante.connector.api.smtp.PeerCertificate;
import fr.mssante.connector.api.smtp.SmtpReply;
import fr.mssante.connector.sasl.SaslMechanisms;
import fr.mssante.connector.server.ClientAddress;
import fr.mssante.connector.server.MessageSpool;
import fr.mssante.connector.server.ServerShutdownEvent;
import fr.mssante.connector.server.SessionIds;
import fr.mssante.connector.smtp.SessionStep.AwaitListener;
import fr.mssante.connector.smtp.SessionStep.Delayed;
import fr.mssante.connector.smtp.SessionStep.Next;
import fr.mssante.connector.smtp.SessionStep.ReadChunk;
import fr.mssante.connector.smtp.SessionStep.Respond;
import fr.mssante.connector.tls.TlsPipeline;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;

import javax.net.ssl.SSLSession;
import java.security.cert.X509Certificate;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Connects one {@link SmtpSession} to its channel: feeds it the decoded frames, writes its replies,
 * tells the {@link SmtpFrameDecoder} how to read what follows, stores message content in a
 * {@link MessageSpool}, and waits for listener calls without blocking the event loop.
 *
 * <p>Replies are written as they are produced and flushed whenever the handler stops consuming input:
 * at the end of a read, before waiting for the application, after its answer. The replies to a
 * pipelined group thus leave together (RFC 2920 section 3.2 asks servers to group the responses to
 * RSET, MAIL and RCPT), and no reply is ever held while the server waits for the client, which is the
 * point of that section's rule that DATA, VRFY, EXPN, QUIT and NOOP be answered immediately.
 *
 * <p>TLS: on an implicit TLS port the session, and its greeting, start only once the handshake has
 * succeeded. After STARTTLS, anything the client sent behind the command in clear is a protocol violation
 * (RFC 3207 section 4.2 / RFC 2920 section 3.1: STARTTLS ends a pipelined group) and the classic
 * command-injection attack (CVE-2011-0411); we neither execute it nor start TLS: the connection is closed
 * with {@code 421 4.7.0}, which a man in the middle cannot turn into anything useful.
 */
final class SmtpSessionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(SmtpSessionHandler.class.getName());

    private final SmtpServerConfig config;
    private final SmtpExtensions extensions;
    private final SaslMechanisms mechanisms;
    private final ListenerInvoker invoker;
    private final SmtpFrameDecoder decoder;
    private final Consumer<SmtpSession> opened;

    private SmtpSession session;
    /** The message being received after DATA; handed over to the session at the end of data. */
    private MessageSpool spool;
    /**
     * Where the BDAT chunk being read goes; owned by the session's transaction, not by this handler. Null
     * while no chunk is read, or when the chunk is refused (its octets are dropped).
     */
    private MessageSpool chunkSink;
    private boolean awaitingListener;
    private boolean shuttingDown;
    private boolean closing;
    /** Why the server ended the session, for {@link MailMetrics}; null when the client did. */
    private String endOutcome;

    SmtpSessionHandler(SmtpServerConfig config, SmtpExtensions extensions, SaslMechanisms mechanisms,
                       ListenerInvoker invoker, SmtpFrameDecoder decoder, Consumer<SmtpSession> opened) {
        this.config = config;
        this.extensions = extensions;
        this.mechanisms = mechanisms;
        this.invoker = invoker;
        this.decoder = decoder;
        this.opened = opened;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Future<Channel> handshake = TlsPipeline.implicitHandshake(ctx.channel());
        if (handshake == null) {
            open(ctx);
        } else {
            handshake.addListener(done -> {
                if (done.isSuccess()) {
                    open(ctx);
                    tlsStarted(ctx);
                }
            });
        }
        ctx.fireChannelActive();
    }

    private void tlsStarted(ChannelHandlerContext ctx) {
        SSLSession negotiated = TlsPipeline.session(ctx.channel());
        PeerCertificate peer = config.tls().peerCertificate(negotiated);
        // Only a verified certificate may authenticate (SASL EXTERNAL): on the MX any one gets through the handshake.
        X509Certificate verified = peer != null && peer.trusted() ? TlsPipeline.clientCertificate(ctx.channel()) : null;
        session.tlsStarted(verified, peer, negotiated.getProtocol(), negotiated.getCipherSuite());
    }

    private void open(ChannelHandlerContext ctx) {
        String client = ClientAddress.text(ctx.channel());
        session = new SmtpSession(config, extensions, mechanisms, invoker, SessionIds.next(), client);
        opened.accept(session);
        LOG.fine(() -> session.sessionId() + ": " + config.service() + " connection from " + client);
        ctx.writeAndFlush(session.greeting());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing || session == null) {
            ReferenceCountUtil.release(msg);
        } else if (msg instanceof ByteBuf chunk) {
            try {
                MessageSpool target = spool != null ? spool : chunkSink;
                if (target != null) {
                    target.write(chunk);
                }
            } finally {
                chunk.release();
            }
        } else if (msg instanceof SmtpFrame.CommandLine line) {
            proceed(ctx, session.onCommandLine(line.text()));
        } else if (msg instanceof SmtpFrame.RejectedLine rejected) {
            proceed(ctx, session.onRejectedLine(rejected.violation()));
        } else if (msg instanceof SmtpFrame.EndOfData end) {
            MessageSpool received = spool;
            spool = null;
            proceed(ctx, session.onEndOfData(end.violation(), received));
        } else if (msg instanceof SmtpFrame.EndOfChunk) {
            chunkSink = null;
            proceed(ctx, session.onEndOfChunk());
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    private void proceed(ChannelHandlerContext ctx, SessionStep step) {
        if (step instanceof Respond respond) {
            respond(ctx, respond);
        } else if (step instanceof Delayed delayed) {
            delay(ctx, delayed);
        } else if (step instanceof ReadChunk chunk) {
            chunkSink = chunk.sink();
            decoder.readChunk(chunk.size());
        } else {
            await(ctx, (AwaitListener) step);
        }
    }

    /** Waits on the event loop's timer as for a listener answer: reading paused, no thread held. */
    private void delay(ChannelHandlerContext ctx, Delayed delayed) {
        CompletableFuture<SmtpReply> timer = new CompletableFuture<>();
        ctx.executor().schedule(() -> timer.complete(delayed.respond().reply()),
                delayed.delay().toNanos(), TimeUnit.NANOSECONDS);
        await(ctx, new AwaitListener(timer, reply -> delayed.respond()));
    }

    private void respond(ChannelHandlerContext ctx, Respond respond) {
        if (respond.next() == Next.CLOSE) {
            // The session closes after 221 (QUIT) or after 421 for too many consecutive errors.
            close(ctx, respond.reply(), respond.reply().code() == 221 ? "quit" : "protocol_errors");
            return;
        }
        if (respond.next() == Next.START_TLS) {
            startTls(ctx, respond.reply());
            return;
        }
        ctx.write(respond.reply());
        if (shuttingDown) {
            close(ctx, SmtpReplies.shuttingDown(config.hostname()), "shutdown");
        } else if (respond.next() == Next.READ_DATA) {
            spool = new MessageSpool(config.spoolThreshold(), config.spoolDirectory(), "smtp-" + session.sessionId() + "-");
            decoder.readData();
        } else {
            decoder.readCommands();
        }
    }

    /**
     * Writes the 220 in clear, then negotiates TLS; commands are read again, over TLS, only after the
     * handshake. On failure the connection is closed ({@link TlsPipeline}).
     */
    private void startTls(ChannelHandlerContext ctx, SmtpReply ready) {
        if (decoder.discardBuffered()) {
            LOG.info(() -> session.sessionId() + ": commands pipelined after STARTTLS, closing (CVE-2011-0411)");
            close(ctx, SmtpReplies.pipelinedAfterStartTls(config.hostname()), "starttls_injection");
            return;
        }
        Future<Channel> handshake = TlsPipeline.startTls(ctx.channel(), config.tls());
        ctx.writeAndFlush(ready);
        handshake.addListener(done -> {
            if (done.isSuccess() && !closing) {
                tlsStarted(ctx);
                LOG.fine(() -> session.sessionId() + ": TLS started");
                decoder.readCommands();
            }
        });
    }

    /**
     * Stops reading (nothing is decoded until the application has answered, see {@link SmtpFrameDecoder})
     * and resumes on the event loop with the answer.
     */
    private void await(ChannelHandlerContext ctx, AwaitListener await) {
        awaitingListener = true;
        ctx.channel().config().setAutoRead(false);
        ctx.flush();
        await.reply().whenComplete((reply, error) -> {
            try {
                ctx.executor().execute(() -> resume(ctx, await, reply != null ? reply : SmtpReplies.LOCAL_ERROR));
            } catch (RejectedExecutionException e) {
                LOG.fine(() -> session.sessionId() + ": event loop gone before the listener answered");
            }
        });
    }

    private void resume(ChannelHandlerContext ctx, AwaitListener await, SmtpReply reply) {
        awaitingListener = false;
        if (closing || !ctx.channel().isActive()) {
            return;
        }
        ctx.channel().config().setAutoRead(true);
        proceed(ctx, await.then().apply(reply));
        ctx.flush();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (session == null) {
            // Refused by ConnectionLimitHandler, which is already closing the connection.
            ctx.fireUserEventTriggered(event);
        } else if (event instanceof IdleStateEvent) {
            // The client is not the one keeping us waiting while the application works.
            if (!awaitingListener) {
                LOG.fine(() -> session.sessionId() + ": idle timeout");
                close(ctx, SmtpReplies.timeout(config.hostname()), "idle_timeout");
            }
        } else if (event == ServerShutdownEvent.INSTANCE) {
            shuttingDown = true;
            // A session waiting for the application closes when the answer has been written (respond()).
            if (!awaitingListener) {
                close(ctx, SmtpReplies.shuttingDown(config.hostname()), "shutdown");
            }
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    private void close(ChannelHandlerContext ctx, SmtpReply reply, String outcome) {
        if (closing) {
            return;
        }
        closing = true;
        endOutcome = outcome;
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (spool != null) {
            spool.discard();
            spool = null;
        }
        chunkSink = null;
        if (session != null) {
            session.connectionClosed();
            LOG.fine(() -> session.sessionId() + ": disconnected");
            MailMetricsSink.current().smtpSessionEnded(config.service(), endOutcome == null ? "disconnected" : endOutcome);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A peer resetting the connection is routine; anything else is a bug worth a stack trace.
        Level level = cause instanceof IOException || TlsPipeline.isTlsFailure(cause) ? Level.FINE : Level.WARNING;
        LOG.log(level, (session == null ? "" : session.sessionId() + ": ") + "closing after error", cause);
        if (endOutcome == null) {
            endOutcome = "error";
        }
        ctx.close();
    }
}
