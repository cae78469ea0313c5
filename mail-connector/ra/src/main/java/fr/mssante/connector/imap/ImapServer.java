package fr.mssante.connector.imap;

import fr.mssante.connector.api.imap.ImapListener;
import fr.mssante.connector.api.imap.MailboxChangeBus;
import fr.mssante.connector.imap.response.ImapResponseEncoder;
import fr.mssante.connector.imap.response.ImapResponse.Status;
import fr.mssante.connector.imap.response.ImapResponse.StatusResponse;
import fr.mssante.connector.imap.session.CallOutcome;
import fr.mssante.connector.imap.session.ImapCallOutcomes;
import fr.mssante.connector.imap.session.ImapEngine;
import fr.mssante.connector.imap.session.ImapSession;
import fr.mssante.connector.sasl.SaslMechanisms;
import fr.mssante.connector.server.BoundedListenerInvoker;
import fr.mssante.connector.server.ConnectionLimitHandler;
import fr.mssante.connector.server.ConnectionLimits;
import fr.mssante.connector.server.ListenerInvoker;
import fr.mssante.connector.server.ListenerScope;
import fr.mssante.connector.server.MessageSpool;
import fr.mssante.connector.server.NettyServer;
import fr.mssante.connector.server.NetworkService;
import fr.mssante.connector.tls.TlsPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The IMAP4rev1 server (RFC 3501 and the extensions listed by CAPABILITY).
 *
 * <p>Same threading model as the SMTP engine: it owns neither its threads nor the application; event
 * loops come from the caller and listener calls go through a {@link ListenerInvoker} to the worker pool.
 * It subscribes to {@link MailboxChangeBus} while started, so that sessions with a changed folder
 * selected get their updates, pushed at once to those in IDLE.
 *
 * <p>With TLS configured, a second socket serves implicit TLS (RFC 8314, port 993) with the same engine:
 * one count of sessions per user and one set of change subscriptions for both ports.
 *
 * <p>Pipeline of each connection, from the socket up: on a connection from a trusted load balancer,
 * {@link fr.mssante.connector.server.ProxyProtocolHandler} until the PROXY header is read (ADR 0023); the
 * TLS handler (from the start on the implicit TLS port, after STARTTLS otherwise), {@link ImapResponseEncoder}
 * (outbound), {@link ConnectionLimitHandler}, {@link IdleStateHandler}, {@link ImapFrameDecoder},
 * {@link ImapSessionHandler}.
 */
public final class ImapServer implements NetworkService {

    private final ImapServerConfig config;
    private final ImapEngine engine;
    private final ConnectionLimits<InetAddress> limits;
    private final NettyServer server;
    /** The implicit TLS listener, null without one. */
    private final NettyServer tlsServer;
    private final BiConsumer<String, String> changeSubscriber;
    private final Consumer<ImapSession> opened;

    public ImapServer(ImapServerConfig config, EventLoopGroup eventLoops, ListenerInvoker<ImapListener, CallOutcome> invoker) {
        this(config, eventLoops, invoker, invoker, session -> { });
    }

    /** @param authInvoker the lane of credential checks (ADR 0036), apart from the commands' {@code invoker} */
    public ImapServer(ImapServerConfig config, EventLoopGroup eventLoops, ListenerInvoker<ImapListener, CallOutcome> invoker,
                      ListenerInvoker<ImapListener, CallOutcome> authInvoker) {
        this(config, eventLoops, invoker, authInvoker, session -> { });
    }

    /**
     * @param opened told of each new session before its greeting; transcripts pretend TLS through it
     *               ({@link ImapSession#tlsStarted}) without a handshake
     */
    ImapServer(ImapServerConfig config, EventLoopGroup eventLoops, ListenerInvoker<ImapListener, CallOutcome> invoker,
                       ListenerInvoker<ImapListener, CallOutcome> authInvoker, Consumer<ImapSession> opened) {
        this.config = config;
        this.opened = opened;
        this.engine = new ImapEngine(config, invoker, authInvoker, SaslMechanisms.defaults());
        this.limits = new ConnectionLimits<>(config.maxConnections(), config.maxConnectionsPerIp());
        this.server = new NettyServer("IMAP service", config.bindAddress(), config.port(), eventLoops,
                config.trustedProxies(), channel -> initChannel(channel, false));
        this.tlsServer = config.implicitTlsPort() == 0 ? null : new NettyServer("IMAP service (implicit TLS)",
                config.bindAddress(), config.implicitTlsPort(), eventLoops, config.trustedProxies(),
                channel -> initChannel(channel, true));
        this.changeSubscriber = engine::folderChanged;
    }

    /**
     * The bounded invoker of the IMAP engine: at most {@code maxConcurrentCalls} listener calls on
     * {@code workers}, saturation and failures answered {@code NO [UNAVAILABLE]}, listener refusals
     * ({@link fr.mssante.connector.api.imap.ImapFailure}) {@code NO [code]}.
     */
    public static BoundedListenerInvoker<ImapListener, CallOutcome> invoker(
            Executor workers, int maxConcurrentCalls, ListenerScope<ImapListener, CallOutcome> scope) {
        return new BoundedListenerInvoker<>(workers, maxConcurrentCalls, scope, ImapCallOutcomes.INSTANCE);
    }

    /** The same with the given queueing (ADR 0036). */
    public static BoundedListenerInvoker<ImapListener, CallOutcome> invoker(
            Executor workers, int maxConcurrentCalls, BoundedListenerInvoker.Queueing queueing,
            ListenerScope<ImapListener, CallOutcome> scope) {
        return new BoundedListenerInvoker<>(workers, maxConcurrentCalls, queueing, scope, ImapCallOutcomes.INSTANCE);
    }

    private void initChannel(SocketChannel channel, boolean implicitTls) {
        ImapFrameDecoder decoder = new ImapFrameDecoder(config.maxCommandLineLength(), config.maxLiteral(),
                config.maxMessageSize(),
                () -> new MessageSpool(config.spoolThreshold(), config.spoolDirectory(), "imap-"));
        channel.pipeline().addLast(
                ImapResponseEncoder.INSTANCE,
                new ConnectionLimitHandler("imap", limits, admission -> StatusResponse.untagged(Status.BYE, null,
                        admission == ConnectionLimits.Admission.TOO_MANY_FOR_KEY
                                ? "Too many connections from your address" : "Too many connections")),
                new IdleStateHandler(config.idleTimeout().toNanos(), 0, 0, TimeUnit.NANOSECONDS),
                decoder,
                new ImapSessionHandler(engine, decoder, config.tls(), opened));
        if (implicitTls) {
            TlsPipeline.addImplicit(channel, config.tls());
        }
    }

    @Override
    public void start() throws IOException {
        Files.createDirectories(config.spoolDirectory());
        MailboxChangeBus.subscribe(changeSubscriber);
        try {
            server.start();
            if (tlsServer != null) {
                tlsServer.start();
            }
        } catch (IOException | RuntimeException e) {
            stop(Duration.ZERO);
            throw e;
        }
    }

    /** The address actually bound, with the real port when the configuration asked for port 0. */
    public InetSocketAddress localAddress() {
        return server.localAddress();
    }

    /** The address of the implicit TLS listener, with the real port when the configuration asked for 0. */
    public InetSocketAddress tlsLocalAddress() {
        if (tlsServer == null) {
            throw new IllegalStateException("no implicit TLS listener");
        }
        return tlsServer.localAddress();
    }

    /**
     * Stops accepting connections; each session finishes its listener call, says {@code * BYE} and is
     * closed. Sessions still open after {@code gracePeriod} are closed abruptly.
     */
    @Override
    public boolean stop(Duration gracePeriod) {
        MailboxChangeBus.unsubscribe(changeSubscriber);
        boolean graceful = server.stop(gracePeriod);
        return (tlsServer == null || tlsServer.stop(gracePeriod)) && graceful;
    }
}
