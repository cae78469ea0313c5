package fr.mssante.connector.smtp;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * First inbound handler of a connection: admits it against {@link ConnectionLimits} or answers
 * {@code 421 4.3.2} and closes (RFC 5321 section 3.1 allows 421 instead of the greeting). A refused
 * connection never reaches the session: no greeting, no command, no idle timer.
 */
final class ConnectionLimitHandler extends ChannelInboundHandlerAdapter {

    private final ConnectionLimits limits;
    private final String hostname;
    private InetAddress client;
    private boolean admitted;

    ConnectionLimitHandler(ConnectionLimits limits, String hostname) {
        this.limits = limits;
        this.hostname = hostname;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        client = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        switch (limits.admit(client)) {
            case ADMITTED -> {
                admitted = true;
                ctx.fireChannelActive();
            }
            case TOO_MANY -> refuse(ctx, SmtpReplies.tooManyConnections(hostname));
            case TOO_MANY_FROM_ADDRESS -> refuse(ctx, SmtpReplies.tooManyConnectionsFromAddress(hostname));
        }
    }

    private static void refuse(ChannelHandlerContext ctx, Object reply) {
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (admitted) {
            ctx.fireChannelRead(msg);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (admitted) {
            admitted = false;
            limits.release(client);
        }
        ctx.fireChannelInactive();
    }
}
