package fr.mssante.connector.imap;

import fr.mssante.connector.api.imap.ImapListener;
import fr.mssante.connector.api.imap.MailboxChangeBus;
import fr.mssante.connector.imap.response.ImapResponseEncoder;
import fr.mssante.connector.imap.response.ImapResponse.Status;
import fr.mssante.connector.imap.response.ImapResponse.StatusResponse;
import fr.mssante.connector.imap.session.CallOutcome;
import fr.mssante.connector.imap.session.ImapCallOutcomes;
import fr.mssante.connector.imap.session.ImapEngine;
import fr.mssante.connector.sasl.SaslMechanisms;
import fr.mssante.connector.server.BoundedListenerInvoker;
import fr.mssante.connector.server.ConnectionLimitHandler;
import fr.mssante.connector.server.ConnectionLimits;
import fr.mssante.connector.server.ListenerInvoker;
import fr.mssante.connector.server.ListenerScope;
import fr.mssante.connector.server.MessageSpool;
import fr.mssante.connector.server.NettyServer;
import fr.mssante.connector.server.NetworkService;
import fr.mssante.connector.server.TransportSecurity;
import io.netty.channel.Channel;
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
import java.util.function.Function;

/**
 * The IMAP4rev1 server (RFC 3501 and the extensions listed by CAPABILITY).
 *
 * <p>Same threading model as the SMTP engine: it owns neither its threads nor the application; event
 * loops come from the caller and listener calls go through a {@link ListenerInvoker} to the worker pool.
 * It subscribes to {@link MailboxChangeBus} while started, so that sessions with a changed folder
 * selected get their updates, pushed at once to those in IDLE.
 *
 * <p>Pipeline of each connection, from the socket up: {@link ImapResponseEncoder}
 * (outbound), {@link ConnectionLimitHandler}, {@link IdleStateHandler}, {@link ImapFrameDecoder},
 * {@link ImapSessionHandler}.
 */
public final class ImapServer implements NetworkService {

    private final ImapServerConfig config;
    private final ImapEngine engine;
    private final ConnectionLimits<InetAddress> limits;
    private final NettyServer server;
    private final BiConsumer<String, String> changeSubscriber;
    private final Function<Channel, TransportSecurity> security;

    public ImapServer(ImapServerConfig config, EventLoopGroup eventLoops, ListenerInvoker<ImapListener, CallOutcome> invoker) {
        this(config, eventLoops, invoker, channel -> TransportSecurity.NONE);
    }

    /** @param security what TLS established on a connection; tests pretend with it, the TLS layer will read it from the channel */
    ImapServer(ImapServerConfig config, EventLoopGroup eventLoops, ListenerInvoker<ImapListener, CallOutcome> invoker,
               Function<Channel, TransportSecurity> security) {
        this.config = config;
        this.security = security;
        this.engine = new ImapEngine(config, invoker, SaslMechanisms.defaults());
        this.limits = new ConnectionLimits<>(config.maxConnections(), config.maxConnectionsPerIp());
        this.server = new NettyServer("IMAP service", config.bindAddress(), config.port(), eventLoops, this::initChannel);
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

    private void initChannel(SocketChannel channel) {
        ImapFrameDecoder decoder = new ImapFrameDecoder(config.maxCommandLineLength(), config.maxLiteral(),
                config.maxMessageSize(),
                () -> new MessageSpool(config.spoolThreshold(), config.spoolDirectory(), "imap-"));
        channel.pipeline().addLast(
                ImapResponseEncoder.INSTANCE,
                new ConnectionLimitHandler(limits, admission -> StatusResponse.untagged(Status.BYE, null,
                        admission == ConnectionLimits.Admission.TOO_MANY_FOR_KEY
                                ? "Too many connections from your address" : "Too many connections")),
                new IdleStateHandler(config.idleTimeout().toNanos(), 0, 0, TimeUnit.NANOSECONDS),
                decoder,
                new ImapSessionHandler(engine, decoder, security));
    }

    @Override
    public void start() throws IOException {
        Files.createDirectories(config.spoolDirectory());
        MailboxChangeBus.subscribe(changeSubscriber);
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            MailboxChangeBus.unsubscribe(changeSubscriber);
            throw e;
        }
    }

    /** The address actually bound, with the real port when the configuration asked for port 0. */
    public InetSocketAddress localAddress() {
        return server.localAddress();
    }

    /**
     * Stops accepting connections; each session finishes its listener call, says {@code * BYE} and is
     * closed. Sessions still open after {@code gracePeriod} are closed abruptly.
     */
    @Override
    public boolean stop(Duration gracePeriod) {
        MailboxChangeBus.unsubscribe(changeSubscriber);
        return server.stop(gracePeriod);
    }
}
