package fr.mssante.connector.smtp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelGroupFuture;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * One SMTP listener (the MX service or the submission service).
 *
 * <p>It owns neither its threads nor the application: the event loops come from the caller (backed by
 * the JCA WorkManager in the container, by plain threads in tests) and listener calls go through a
 * {@link ListenerInvoker}. Several servers may share one event loop group.
 *
 * <p>Pipeline of each connection, from the socket up:
 * {@link SmtpReplyEncoder} (outbound), {@link ConnectionLimitHandler}, {@link IdleStateHandler},
 * {@link SmtpFrameDecoder}, {@link SmtpSessionHandler}.
 */
public final class SmtpServer {

    private static final Logger LOG = Logger.getLogger(SmtpServer.class.getName());

    private final SmtpServerConfig config;
    private final EventLoopGroup eventLoops;
    private final ListenerInvoker invoker;
    private final SmtpExtensions extensions;
    private final ConnectionLimits limits;
    private final ChannelGroup sessions;
    private Channel serverChannel;

    public SmtpServer(SmtpServerConfig config, EventLoopGroup eventLoops, ListenerInvoker invoker) {
        this.config = config;
        this.eventLoops = eventLoops;
        this.invoker = invoker;
        this.extensions = new SmtpExtensions(config);
        this.limits = new ConnectionLimits(config.maxConnections(), config.maxConnectionsPerIp());
        // Not the default GlobalEventExecutor: in the container no thread may escape the WorkManager.
        this.sessions = new DefaultChannelGroup("smtp-" + config.service(), eventLoops.next());
    }

    /** Binds the listening socket to {@link SmtpServerConfig#bindAddress()} only. */
    public synchronized void start() throws IOException {
        if (serverChannel != null) {
            throw new IllegalStateException("already started");
        }
        Files.createDirectories(config.spoolDirectory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(eventLoops)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 128)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        sessions.add(channel);
                        SmtpFrameDecoder decoder = new SmtpFrameDecoder(config.maxCommandLineLength(),
                                config.maxDataLineLength(), config.maxMessageSize());
                        channel.pipeline().addLast(
                                SmtpReplyEncoder.INSTANCE,
                                new ConnectionLimitHandler(limits, config.hostname()),
                                new IdleStateHandler(config.idleTimeout().toNanos(), 0, 0, TimeUnit.NANOSECONDS),
                                decoder,
                                new SmtpSessionHandler(config, extensions, invoker, decoder));
                    }
                });
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(config.bindAddress()), config.port());
        ChannelFuture bind = bootstrap.bind(address).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            throw new IOException("SMTP service " + config.service() + " cannot listen on " + address, bind.cause());
        }
        serverChannel = bind.channel();
        LOG.info(() -> "SMTP service " + config.service() + " listening on " + localAddress());
    }

    /** The address actually bound, with the real port when the configuration asked for port 0. */
    public synchronized InetSocketAddress localAddress() {
        if (serverChannel == null) {
            throw new IllegalStateException("not started");
        }
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /**
     * Stops accepting connections, then lets each session finish what it is doing: a session waiting
     * for the application writes the answer first, then every session gets {@code 421 4.3.2} and is
     * closed. Sessions still open after {@code gracePeriod} are closed abruptly.
     *
     * @return whether every session closed within the grace period
     */
    public synchronized boolean stop(Duration gracePeriod) {
        if (serverChannel == null) {
            return true;
        }
        serverChannel.close().awaitUninterruptibly();
        serverChannel = null;
        ChannelGroupFuture closed = sessions.newCloseFuture();
        sessions.forEach(channel -> channel.pipeline().fireUserEventTriggered(ServerShutdownEvent.INSTANCE));
        boolean graceful = closed.awaitUninterruptibly(gracePeriod.toMillis());
        if (!graceful) {
            LOG.warning(() -> "SMTP service " + config.service() + ": sessions still open after " + gracePeriod
                    + ", closing them");
            sessions.close().awaitUninterruptibly();
        }
        LOG.info(() -> "SMTP service " + config.service() + " stopped");
        return graceful;
    }
}
