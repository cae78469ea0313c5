package fr.mssante.connector.server;

import java.net.InetSocketAddress;

/**
 * A decoded PROXY protocol v2 header (haproxy's doc/proxy-protocol.txt, section 2.2).
 *
 * @param source      the original client, null when the header carries no IP address to believe: the LOCAL
 *                    command (the balancer's own health check), or the UNSPEC and UNIX families, for which
 *                    the spec lets the receiver use the real connection endpoints
 * @param destination the address the client connected to, null in the same cases
 */
public record ProxyHeader(InetSocketAddress source, InetSocketAddress destination) {

    /** A header that leaves the connection's own endpoints in force. */
    static final ProxyHeader CONNECTION_ENDPOINTS = new ProxyHeader(null, null);
}
