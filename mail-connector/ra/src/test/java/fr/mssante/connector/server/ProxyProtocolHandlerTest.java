package fr.mssante.connector.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static fr.mssante.connector.server.ProxyHeaders.concat;
import static fr.mssante.connector.server.ProxyHeaders.header;
import static fr.mssante.connector.server.ProxyHeaders.proxy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler in front of a session, seen from the session's side: nothing of the connection before the
 * whole header, then the header's client and the octets that followed it.
 */
class ProxyProtocolHandlerTest {

    private static final InetSocketAddress BALANCER = new InetSocketAddress("127.0.0.5", 40000);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Session session = new Session();
    private final EmbeddedChannel channel = new EmbeddedChannel(new ProxyProtocolHandler(TIMEOUT), session) {
        @Override
        protected SocketAddress remoteAddress0() {
            return BALANCER;
        }
    };

    @Test
    void theSessionStartsWithTheHeadersClientAndTheOctetsBehindIt() {
        channel.writeInbound(buffer(concat(proxy("192.0.2.7", 51234, "203.0.113.1", 25), bytes("EHLO client\r\n"))));

        assertThat(session.activeFrom).isEqualTo(new InetSocketAddress("192.0.2.7", 51234));
        assertThat(session.received).containsExactly("EHLO client\r\n");
        assertThat(channel.pipeline().get(ProxyProtocolHandler.class)).isNull();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void aHeaderSplitAcrossReadsIsAwaitedWithoutStartingTheSession() {
        byte[] whole = proxy("2001:db8::17", 40000, "2001:db8::1", 143);
        for (int i = 0; i < whole.length - 1; i++) {
            channel.writeInbound(buffer(new byte[]{whole[i]}));
        }
        // The server speaks first in SMTP and IMAP: nothing may reach the session, which would greet.
        assertThat(session.activeFrom).isNull();

        channel.writeInbound(buffer(new byte[]{whole[whole.length - 1]}));

        assertThat(session.activeFrom).isEqualTo(new InetSocketAddress("2001:db8::17", 40000));
        assertThat(session.received).isEmpty();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void aLocalHeaderLeavesTheBalancerAsTheClient() {
        channel.writeInbound(buffer(header(0x20, 0x00, new byte[0])));

        assertThat(session.activeFrom).isEqualTo(BALANCER);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void aMalformedHeaderClosesTheConnectionBeforeTheSessionSeesIt() {
        channel.writeInbound(buffer(bytes("EHLO client\r\n")));

        assertThat(channel.isOpen()).isFalse();
        assertThat(session.activeFrom).isNull();
        assertThat(session.received).isEmpty();
        assertThat(session.inactive).isFalse();
    }

    @Test
    void aMissingHeaderClosesTheConnectionAfterTheTimeout() {
        channel.freezeTime();
        channel.writeInbound(buffer(new byte[]{0x0D, 0x0A}));
        channel.advanceTimeBy(TIMEOUT.toMillis() - 1000, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();

        channel.advanceTimeBy(1000, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).isFalse();
        assertThat(session.activeFrom).isNull();
    }

    @Test
    void theTimeoutNoLongerAppliesOnceTheHeaderIsRead() {
        channel.freezeTime();
        channel.writeInbound(buffer(proxy("192.0.2.7", 51234, "203.0.113.1", 25)));
        channel.advanceTimeBy(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void aServerShutdownWhileTheHeaderIsAwaitedClosesWithoutASession() {
        channel.pipeline().fireUserEventTriggered(ServerShutdownEvent.INSTANCE);

        assertThat(channel.isOpen()).isFalse();
        assertThat(session.activeFrom).isNull();
        assertThat(session.events).isEmpty();
    }

    private static ByteBuf buffer(byte[] bytes) {
        return Unpooled.wrappedBuffer(bytes);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Stands for the protocol's handlers: records what it is told, as a session would see it. */
    private static final class Session extends ChannelInboundHandlerAdapter {
        InetSocketAddress activeFrom;
        final List<String> received = new ArrayList<>();
        final List<Object> events = new ArrayList<>();
        boolean inactive;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            activeFrom = ClientAddress.of(ctx.channel());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf bytes = (ByteBuf) msg;
            received.add(bytes.toString(StandardCharsets.US_ASCII));
            bytes.release();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            events.add(event);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            inactive = true;
        }
    }
}
