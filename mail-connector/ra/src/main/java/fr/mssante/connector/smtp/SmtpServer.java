package fr.mssante.connector.smtp;

import fr.mssante.connector.sasl.SaslMechanisms;
import fr.mssante.connector.server.ConnectionLimitHandler;
import fr.mssante.connector.server.ConnectionLimits;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One SMTP listener (the MX service or the submission service).
 *
 * <p>It owns neither its threads nor the application: the event loops come from the caller (backed by
 * the JCA WorkManager in the container, by plain threads in tests) and listener calls go through a
 * {@link ListenerInvoker}. Several servers may share one event loop group.
 *
 * <p>Pipeline of each connection, from the socket up: on a connection from a trusted load balancer,
 * {@link fr.mssante.connector.server.ProxyProtocolHandler} until the PROXY header is read (ADR 0023); the
 * TLS handler (from the start on an implicit TLS port, after STARTTLS otherwise), {@link SmtpReplyEncoder} (outbound), {@link ConnectionLimitHandler}, {@link IdleStateHandler},
 * {@link SmtpFrameDecoder}, {@link SmtpSessionHandler}.
 */
public final class SmtpServer implements NetworkService {

    private final SmtpServerConfig config;
    private final ListenerInvoker invoker;
    private final SmtpExtensions extensions;
    private final SaslMechanisms mechanisms = SaslMechanisms.defaults();
    private final Consumer<SmtpSession> opened;
    private final ConnectionLimits<InetAddress> limits;
    private final NettyServer server;

    public SmtpServer(SmtpServerConfig config, EventLoopGroup eventLoops, ListenerInvoker invoker) {
        this(config, eventLoops, invoker, session -> { });
    }

    /**
     * @param opened told of each new session before its greeting; transcripts pretend TLS through it
     *               ({@link SmtpSession#tlsStarted}) without a handshake
     */
    SmtpServer(SmtpServerConfig config, EventLoopGroup eventLoops, ListenerInvoker invoker,
               Consumer<SmtpSession> opened) {
        this.config = config;
        this.invoker = invoker;
        this.opened = opened;
        this.extensions = new SmtpExtensions(config);
        this.limits = new ConnectionLimits<>(config.maxConnections(), config.maxConnectionsPerIp());
        this.server = new NettyServer("SMTP service " + config.service() + (config.implicitTls() ? " (implicit TLS)" : ""),
                config.bindAddress(), config.port(),
                eventLoops, config.trustedProxies(), this::initChannel);
    }

    private void initChannel(SocketChannel channel) {
        SmtpFrameDecoder decoder = new SmtpFrameDecoder(SmtpAuthentication.lineCapacity(config),
                config.maxDataLineLength(), config.maxMessageSize());
        channel.pipeline().addLast(
                SmtpReplyEncoder.INSTANCE,
                new ConnectionLimitHandler(config.service(), limits, admission -> switch (admission) {
                    case TOO_MANY_FOR_KEY -> SmtpReplies.tooManyConnectionsFromAddress(config.hostname());
                    default -> SmtpReplies.tooManyConnections(config.hostname());
                }),
                new IdleStateHandler(config.idleTimeout().toNanos(), 0, 0, TimeUnit.NANOSECONDS),
                decoder,
                new SmtpSessionHandler(config, extensions, mechanisms, invoker, decoder, opened));
        if (config.implicitTls()) {
            TlsPipeline.addImplicit(channel, config.tls());
        }
    }

    /** Binds the listening socket to {@link SmtpServerConfig#bindAddress()} only. */
    @Override
    public void start() throws IOException {
        Files.createDirectories(config.spoolDirectory());
        server.start();
    }

    /** The address actually bound, with the real port when the configuration asked for port 0. */
    public InetSocketAddress localAddress() {
        return server.localAddress();
    }

    /**
     * Stops accepting connections, then lets each session finish what it is doing: a session waiting
     * for the application writes the answer first, then every session gets {@code 421 4.3.2} and is
     * closed. Sessions still open after {@code gracePeriod} are closed abruptly.
     *
     * @return whether every session closed within the grace period
     */
    @Override
    public boolean stop(Duration gracePeriod) {
        return server.stop(gracePeriod);
    }
}
