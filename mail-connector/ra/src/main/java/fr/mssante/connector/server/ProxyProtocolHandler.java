package fr.mssante.connector.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * First handler of a connection from a trusted load balancer ({@link TrustedProxies}): reads the PROXY
 * protocol v2 header before anything else happens, records the client it names ({@link ClientAddress})
 * and then gets out of the way.
 *
 * <p>SMTP and IMAP servers speak first, so the handlers above must not see the connection before the
 * header is read: {@code channelActive} is held back until then, and with it the greeting, the connection
 * limits (which count the real client) and, on an implicit TLS port, the TLS handshake, whose octets
 * come after the header. Whatever the balancer sent behind the header is passed on as the first read.
 *
 * <p>A connection from a trusted address that does not present a valid header within the time limit is
 * closed, with the reason logged: the balancer is misconfigured, or someone else got that address, and
 * in neither case do we know who the client is.
 */
public final class ProxyProtocolHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(ProxyProtocolHandler.class.getName());

    /** Balancers send the header with the connection; five seconds is generous and bounds a silent peer. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final Duration timeout;
    private CompositeByteBuf received;
    private ScheduledFuture<?> deadline;
    /** Header read or connection refused: nothing more to do here. */
    private boolean done;

    public ProxyProtocolHandler(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // Held back until the header has been read.
        received = ctx.alloc().compositeBuffer();
        deadline = ctx.executor().schedule(
                () -> refuse(ctx, "no complete PROXY protocol header within " + timeout.toMillis() + " ms"),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (done || received == null || !(msg instanceof ByteBuf bytes)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        received.addComponent(true, bytes);
        ProxyHeader header;
        try {
            header = ProxyHeaderDecoder.decode(received);
        } catch (MalformedProxyHeaderException e) {
            refuse(ctx, e.getMessage());
            return;
        }
        if (header != null) {
            accept(ctx, header);
        }
    }

    private void accept(ChannelHandlerContext ctx, ProxyHeader header) {
        done = true;
        deadline.cancel(false);
        if (header.source() != null) {
            ClientAddress.setProxied(ctx.channel(), header.source());
        }
        LOG.fine(() -> "PROXY header from " + ctx.channel().remoteAddress() + ": client "
                + (header.source() == null ? "is the proxy itself (LOCAL or no IP address)" : header.source()));
        ByteBuf rest = received.readableBytes() > 0 ? received.retainedSlice() : null;
        received.release();
        received = null;
        // Out of the pipeline before the session starts: from now on the connection is the client's.
        // A removed context keeps its link to the next handler, so it still fires the held-back events.
        ctx.pipeline().remove(this);
        ctx.fireChannelActive();
        if (rest != null) {
            ctx.fireChannelRead(rest);
            ctx.fireChannelReadComplete();
        }
    }

    private void refuse(ChannelHandlerContext ctx, String reason) {
        if (done) {
            return;
        }
        done = true;
        LOG.warning(() -> "Connection from trusted proxy " + ctx.channel().remoteAddress() + " closed: " + reason);
        ctx.close();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // Nothing above has seen the connection yet.
    }

    /** The handlers above never saw the connection open: they do not hear it close either. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        done = true;
    }

    /** A shutdown while the header is awaited has no session to say goodbye to. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == ServerShutdownEvent.INSTANCE) {
            done = true;
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(cause instanceof IOException ? Level.FINE : Level.WARNING,
                "Connection from trusted proxy " + ctx.channel().remoteAddress() + " failed before its PROXY header", cause);
        done = true;
        ctx.close();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (deadline != null) {
            deadline.cancel(false);
        }
        if (received != null) {
            received.release();
            received = null;
        }
    }
}
