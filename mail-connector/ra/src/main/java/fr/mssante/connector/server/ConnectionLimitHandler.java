package fr.mssante.connector.server;

import fr.mssante.connector.api.metrics.MailMetrics;
import fr.mssante.connector.api.metrics.MailMetricsSink;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

import java.net.InetAddress;
import java.util.function.Function;

/**
 * First inbound handler of a connection: admits it against {@link ConnectionLimits} or writes the
 * protocol's refusal (SMTP {@code 421 4.3.2}, IMAP {@code * BYE}) instead of the greeting and closes.
 * A refused connection never reaches the session: no greeting, no command, no idle timer.
 */
public final class ConnectionLimitHandler extends ChannelInboundHandlerAdapter {

    private final String service;
    private final ConnectionLimits<InetAddress> limits;
    private final Function<ConnectionLimits.Admission, Object> refusal;
    private InetAddress client;
    private boolean admitted;

    /**
     * @param service the listener's service name, for {@link MailMetrics}
     * @param refusal the message written for {@code TOO_MANY} and {@code TOO_MANY_FOR_KEY}
     */
    public ConnectionLimitHandler(String service, ConnectionLimits<InetAddress> limits,
                                  Function<ConnectionLimits.Admission, Object> refusal) {
        this.service = service;
        this.limits = limits;
        this.refusal = refusal;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        client = ClientAddress.of(ctx.channel()).getAddress();
        ConnectionLimits.Admission admission = limits.admit(client);
        MailMetricsSink.current().connectionOpened(service, label(admission));
        if (admission == ConnectionLimits.Admission.ADMITTED) {
            admitted = true;
            ctx.fireChannelActive();
        } else {
            ctx.channel().config().setAutoRead(false);
            ctx.writeAndFlush(refusal.apply(admission)).addListener(ChannelFutureListener.CLOSE);
        }
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
            MailMetricsSink.current().connectionClosed(service);
        }
        ctx.fireChannelInactive();
    }

    private static String label(ConnectionLimits.Admission admission) {
        return switch (admission) {
            case ADMITTED -> "admitted";
            case TOO_MANY -> "too_many";
            case TOO_MANY_FOR_KEY -> "too_many_for_address";
        };
    }
}
