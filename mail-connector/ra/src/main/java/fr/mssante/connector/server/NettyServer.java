package fr.mssante.connector.server;

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
import io.netty.util.NetUtil;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The listening socket and the open connections of one service, whatever its protocol: binding,
 * tracking the sessions, and the graceful stop that every protocol engine shares.
 *
 * <p>It owns no thread: the event loops come from the caller (backed by the JCA WorkManager in the
 * container, by plain threads in tests), and several services may share one group.
 */
public final class NettyServer {

    private static final Logger LOG = Logger.getLogger(NettyServer.class.getName());

    private final String name;
    private final String bindAddress;
    private final int port;
    private final EventLoopGroup eventLoops;
    private final TrustedProxies trustedProxies;
    private final Consumer<SocketChannel> pipeline;
    private final ChannelGroup sessions;
    private Channel serverChannel;

    /**
     * @param name           for logs ("SMTP service mx")
     * @param port           0 asks the system for an ephemeral port (tests)
     * @param trustedProxies the load balancers whose connections begin with a PROXY protocol header
     * @param pipeline       installs the protocol handlers of a new connection
     */
    public NettyServer(String name, String bindAddress, int port, EventLoopGroup eventLoops,
                       TrustedProxies trustedProxies, Consumer<SocketChannel> pipeline) {
        this.name = name;
        this.bindAddress = bindAddress;
        this.port = port;
        this.eventLoops = eventLoops;
        this.trustedProxies = trustedProxies;
        this.pipeline = pipeline;
        // Not the default GlobalEventExecutor: in the container no thread may escape the WorkManager.
        this.sessions = new DefaultChannelGroup(name, eventLoops.next());
    }

    /** Binds the listening socket to the configured address only. */
    public synchronized void start() throws IOException {
        if (serverChannel != null) {
            throw new IllegalStateException("already started");
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(eventLoops)
                .channel(NioServerSocketChannel.class)
                // The system's limit (net.core.somaxconn, 4096 by default since Linux 5.4), not Netty's
                // old 128: when thousands of clients reconnect at once (a node restart, Monday 8 am), a
                // full accept queue drops their SYNs and they retry seconds later or give up (issue 11).
                .option(ChannelOption.SO_BACKLOG, NetUtil.SOMAXCONN)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        sessions.add(channel);
                        pipeline.accept(channel);
                        // Decided by the TCP peer alone: a client that merely sends a PROXY header is
                        // never believed (haproxy's doc/proxy-protocol.txt, section 5).
                        InetSocketAddress peer = channel.remoteAddress(); // null once reset by the peer
                        if (peer != null && trustedProxies.contains(peer.getAddress())) {
                            // First of all, even below an implicit TLS handler: the header precedes the handshake.
                            channel.pipeline().addFirst("proxy-protocol",
                                    new ProxyProtocolHandler(ProxyProtocolHandler.DEFAULT_TIMEOUT));
                        }
                    }
                });
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(bindAddress), port);
        ChannelFuture bind = bootstrap.bind(address).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            throw new IOException(name + " cannot listen on " + address, bind.cause());
        }
        serverChannel = bind.channel();
        LOG.info(() -> name + " listening on " + localAddress()
                + (trustedProxies.isEmpty() ? "" : ", PROXY protocol v2 from " + trustedProxies));
    }

    /** The address actually bound, with the real port when the configuration asked for port 0. */
    public synchronized InetSocketAddress localAddress() {
        if (serverChannel == null) {
            throw new IllegalStateException("not started");
        }
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /**
     * Stops accepting connections, then fires {@link ServerShutdownEvent} into every session so that each
     * finishes what it is doing and says goodbye in its protocol. Sessions still open after
     * {@code gracePeriod} are closed abruptly.
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
            LOG.warning(() -> name + ": sessions still open after " + gracePeriod + ", closing them");
            sessions.close().awaitUninterruptibly();
        }
        LOG.info(() -> name + " stopped");
        return graceful;
    }
}
