package fr.mssante.connector.server;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

import java.net.InetSocketAddress;

/**
 * Who the client of a connection is: the TCP peer, unless a trusted load balancer told us otherwise with
 * a PROXY protocol header ({@link ProxyProtocolHandler}). Everything that names the client (connection
 * limits, authentication throttles, audit events, the Received header, policy logs) asks here rather
 * than {@link Channel#remoteAddress()}, which behind a balancer is the balancer.
 */
public final class ClientAddress {

    private static final AttributeKey<InetSocketAddress> PROXIED_SOURCE =
            AttributeKey.valueOf(ClientAddress.class, "proxiedSource");

    private ClientAddress() {
    }

    /** The client's address and port. */
    public static InetSocketAddress of(Channel channel) {
        InetSocketAddress proxied = channel.attr(PROXIED_SOURCE).get();
        return proxied != null ? proxied : (InetSocketAddress) channel.remoteAddress();
    }

    /** The client's IP address as text, as sessions record it. */
    public static String text(Channel channel) {
        return of(channel).getAddress().getHostAddress();
    }

    /** Records the source address a trusted proxy gave for this connection. */
    static void setProxied(Channel channel, InetSocketAddress source) {
        channel.attr(PROXIED_SOURCE).set(source);
    }
}
