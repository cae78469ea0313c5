package fr.mssante.connector.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The server side of TLS, one for every mail listener (SMTP MX, submission, SMTPS, IMAP, IMAPS): the
 * JDK TLS implementation with the configured key, protocol versions and cipher suites.
 *
 * <p>When client trust anchors are configured, a client certificate is <em>requested but not
 * required</em> ({@link ClientAuth#OPTIONAL}): ordinary mail clients have none, APP mailboxes present
 * their IGC-Santé certificate for SASL EXTERNAL. A certificate that is presented but does not chain to
 * an anchor fails the handshake (the JDK rejects it even when authentication is only requested).
 */
public final class ServerTls {

    private static final Logger LOG = Logger.getLogger(ServerTls.class.getName());

    private final SslContext context;
    private final String description;

    private ServerTls(SslContext context, String description) {
        this.context = context;
        this.description = description;
    }

    /**
     * Loads and checks everything the settings name.
     *
     * @return null when no server key is configured: TLS is then off
     * @throws IllegalArgumentException on any configuration mistake, with a message for the operator
     */
    public static ServerTls create(TlsSettings settings) {
        if (!settings.keyConfigured()) {
            if (TlsSettings.isSet(settings.clientTrust())) {
                throw new IllegalArgumentException("mssante.tls.client-trust is set but no server key is:"
                        + " set mssante.tls.certificate and mssante.tls.private-key, or mssante.tls.keystore");
            }
            return null;
        }
        TlsNames.check(settings);
        ServerKey serverKey = ServerKey.load(settings);
        List<String> suites = new ArrayList<>(settings.tls13CipherSuites());
        suites.addAll(settings.tls12CipherSuites());
        SslContextBuilder builder = SslContextBuilder.forServer(serverKey.key(), serverKey.chain())
                .sslProvider(SslProvider.JDK)
                .protocols(settings.protocols())
                // Identity: exactly the configured suites, never Netty's or the JDK's defaults.
                .ciphers(suites, IdentityCipherSuiteFilter.INSTANCE);
        List<X509Certificate> anchors = List.of();
        if (TlsSettings.isSet(settings.clientTrust())) {
            anchors = ClientTrust.load(settings.clientTrust(), settings.clientTrustPassword());
            builder.trustManager(anchors).clientAuth(ClientAuth.OPTIONAL);
        }
        String description = "certificate " + serverKey.chain().get(0).getSubjectX500Principal().getName()
                + ", protocols " + settings.protocols() + ", suites " + suites
                + (anchors.isEmpty() ? ", no client certificates" : ", client certificates from " + anchors.size()
                + " trust anchor(s)");
        try {
            ServerTls tls = new ServerTls(builder.build(), description);
            LOG.info(() -> "TLS: " + description);
            return tls;
        } catch (SSLException e) {
            throw new IllegalArgumentException("Cannot set up TLS (" + description + "): " + e.getMessage(), e);
        }
    }

    /**
     * A handler for one connection.
     *
     * @param startTls true after STARTTLS: the first message written (the "ready" reply) leaves in clear
     */
    SslHandler newHandler(ByteBufAllocator allocator, boolean startTls) {
        return new SslHandler(context.newEngine(allocator), startTls);
    }

    @Override
    public String toString() {
        return "ServerTls[" + description + "]";
    }
}
