package fr.mssante.connector.tls;

import io.netty.channel.Channel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.logging.Logger;

/**
 * Puts TLS into a connection's pipeline and tells what it negotiated. The {@link SslHandler} always goes
 * first, next to the socket, below the protocol's encoder and frame decoder, which thus keep working on
 * clear text.
 */
public final class TlsPipeline {

    private static final Logger LOG = Logger.getLogger(TlsPipeline.class.getName());
    private static final String NAME = "tls";

    private TlsPipeline() {
    }

    /** Implicit TLS (RFC 8314): the connection is TLS from its first octet. */
    public static void addImplicit(Channel channel, ServerTls tls) {
        channel.pipeline().addFirst(NAME, tls.newHandler(channel.alloc(), false));
    }

    /**
     * STARTTLS: from now on the octets received are TLS; the next message written (the "ready" reply)
     * still leaves in clear. The caller must not read commands again before the returned handshake
     * completes, and must have thrown away what the client sent after the command (CVE-2011-0411).
     *
     * @return completes when the handshake has succeeded or failed; on failure the connection is closed
     */
    public static Future<Channel> startTls(Channel channel, ServerTls tls) {
        SslHandler handler = tls.newHandler(channel.alloc(), true);
        channel.pipeline().addFirst(NAME, handler);
        return closeOnFailure(channel, handler.handshakeFuture());
    }

    /** The handshake of an implicit TLS connection, null when the connection is in clear. */
    public static Future<Channel> implicitHandshake(Channel channel) {
        SslHandler handler = channel.pipeline().get(SslHandler.class);
        return handler == null ? null : closeOnFailure(channel, handler.handshakeFuture());
    }

    /** Whether the connection is encrypted: a TLS handshake has succeeded on it. */
    public static boolean isActive(Channel channel) {
        SslHandler handler = channel.pipeline().get(SslHandler.class);
        return handler != null && handler.handshakeFuture().isSuccess();
    }

    /** The TLS session of a connection whose handshake has succeeded. */
    public static SSLSession session(Channel channel) {
        return channel.pipeline().get(SslHandler.class).engine().getSession();
    }

    /**
     * The certificate the client presented (the leaf), null when none or without TLS. Verified by the handshake
     * in the clients' flavour of {@link ServerTls}; on the MX ({@link ServerTls#forOperatorPeers}) ask
     * {@link ServerTls#peerCertificate} whether it is trusted.
     */
    public static X509Certificate clientCertificate(Channel channel) {
        SslHandler handler = channel.pipeline().get(SslHandler.class);
        if (handler == null) {
            return null;
        }
        try {
            Certificate[] chain = handler.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? leaf : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /** Whether an exception is a failed or broken TLS exchange: the client's doing, not a bug. */
    public static boolean isTlsFailure(Throwable cause) {
        return cause instanceof SSLException
                || (cause instanceof DecoderException && cause.getCause() instanceof SSLException);
    }

    private static Future<Channel> closeOnFailure(Channel channel, Future<Channel> handshake) {
        return handshake.addListener(done -> {
            if (!done.isSuccess()) {
                LOG.info(() -> "TLS handshake with " + channel.remoteAddress() + " failed: " + done.cause());
                channel.close();
            }
        });
    }
}
