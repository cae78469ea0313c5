package fr.mssante.connector.tls;

import fr.mssante.connector.api.smtp.OperatorTls;
import fr.mssante.connector.api.smtp.PeerCertificate;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The server side of TLS for the mail listeners: the JDK TLS implementation with the configured key,
 * protocol versions and cipher suites. It comes in two flavours, built together from the same settings:
 *
 * <ul>
 * <li>{@link #create the clients' one} (submission, SMTPS, IMAP, IMAPS): when client trust anchors are
 *     configured, a client certificate is <em>requested but not required</em> ({@link ClientAuth#OPTIONAL}):
 *     ordinary mail clients have none, APP mailboxes present their IGC-Santé certificate for SASL EXTERNAL.
 *     A certificate that is presented but does not chain to an anchor fails the handshake (the JDK rejects
 *     it even when authentication is only requested).</li>
 * <li>{@link #forOperatorPeers the MX's one} (port 25): a certificate is always requested and never fails
 *     the handshake ({@link AnyClientCertificate}); it is verified afterwards ({@link #peerCertificate}) so
 *     that the application refuses a wrong peer with a precise SMTP reply. Only TLS 1.2 and 1.3, and for
 *     TLS 1.2 only the suites of the Référentiel MSSanté ({@link TlsSettings#MSSANTE_TLS12_SUITES}), whatever
 *     else the clients' flavour allows: the MX talks to other operators only.</li>
 * </ul>
 */
public final class ServerTls {

    private static final Logger LOG = Logger.getLogger(ServerTls.class.getName());

    private final SslContext context;
    private final ClientChainVerifier verifier;
    private final String description;
    /** The MX flavour; null in the MX flavour itself, or when the settings cannot serve it. */
    private final ServerTls operatorPeers;
    /** Why the settings cannot serve the MX, when they cannot. */
    private final String unusableForPeers;

    private ServerTls(SslContext context, ClientChainVerifier verifier, String description, ServerTls operatorPeers,
                      String unusableForPeers) {
        this.context = context;
        this.verifier = verifier;
        this.description = description;
        this.operatorPeers = operatorPeers;
        this.unusableForPeers = unusableForPeers;
    }

    /**
     * Loads and checks everything the settings name.
     *
     * @return the clients' flavour; null when no server key is configured: TLS is then off
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
        List<X509Certificate> anchors = TlsSettings.isSet(settings.clientTrust())
                ? ClientTrust.load(settings.clientTrust(), settings.clientTrustPassword())
                : List.of();
        ClientChainVerifier verifier = ClientChainVerifier.over(anchors);
        String server = "certificate " + serverKey.chain().get(0).getSubjectX500Principal().getName();

        List<String> suites = new ArrayList<>(settings.tls13CipherSuites());
        suites.addAll(settings.tls12CipherSuites());
        SslContextBuilder clients = builder(serverKey, settings.protocols(), suites);
        if (!anchors.isEmpty()) {
            clients.trustManager(anchors).clientAuth(ClientAuth.OPTIONAL);
        }
        String clientsDescription = server + ", protocols " + settings.protocols() + ", suites " + suites
                + (anchors.isEmpty() ? ", no client certificates" : ", client certificates from " + anchors.size()
                + " trust anchor(s)");

        List<String> peerProtocols = settings.protocols().stream().filter(OperatorTls.PROTOCOLS::contains).toList();
        List<String> peerSuites = new ArrayList<>(settings.tls13CipherSuites());
        settings.tls12CipherSuites().stream().filter(TlsSettings.MSSANTE_TLS12_SUITES::contains).forEach(peerSuites::add);
        String unusable = unusableForPeers(peerProtocols, peerSuites, settings);
        if (unusable != null) {
            ServerTls tls = new ServerTls(build(clients, clientsDescription), verifier, clientsDescription, null, unusable);
            LOG.info(() -> "TLS: " + clientsDescription + "; not usable on the MX: " + unusable);
            return tls;
        }
        SslContextBuilder peers = builder(serverKey, peerProtocols, peerSuites)
                .trustManager(AnyClientCertificate.INSTANCE).clientAuth(ClientAuth.OPTIONAL);
        String peersDescription = server + ", protocols " + peerProtocols + ", suites " + peerSuites
                + ", any client certificate, verified against " + anchors.size() + " trust anchor(s) after the handshake";

        ServerTls operatorPeers = new ServerTls(build(peers, peersDescription), verifier, peersDescription, null, null);
        ServerTls tls = new ServerTls(build(clients, clientsDescription), verifier, clientsDescription, operatorPeers,
                null);
        LOG.info(() -> "TLS: " + clientsDescription + "; on the MX: " + peersDescription);
        return tls;
    }

    private static SslContextBuilder builder(ServerKey serverKey, List<String> protocols, List<String> suites) {
        return SslContextBuilder.forServer(serverKey.key(), serverKey.chain())
                .sslProvider(SslProvider.JDK)
                .protocols(protocols)
                // Identity: exactly the configured suites, never Netty's or the JDK's defaults.
                .ciphers(suites, IdentityCipherSuiteFilter.INSTANCE);
    }

    /**
     * Why the MX could not speak to other operators (it needs TLS 1.3, or TLS 1.2 with an MSSanté suite),
     * null when it can.
     */
    private static String unusableForPeers(List<String> protocols, List<String> suites, TlsSettings settings) {
        boolean tls13 = protocols.contains("TLSv1.3") && !settings.tls13CipherSuites().isEmpty();
        boolean tls12 = protocols.contains("TLSv1.2") && suites.size() > settings.tls13CipherSuites().size();
        return tls13 || tls12 ? null : "The MX needs TLSv1.3, or TLSv1.2 with one of the MSSanté suites "
                + TlsSettings.MSSANTE_TLS12_SUITES + "; mssante.tls.protocols = " + settings.protocols()
                + ", mssante.tls.cipher-suites = " + settings.tls12CipherSuites();
    }

    private static SslContext build(SslContextBuilder builder, String description) {
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("Cannot set up TLS (" + description + "): " + e.getMessage(), e);
        }
    }

    /**
     * The MX flavour: any client certificate gets through the handshake, to be judged by the application.
     *
     * @throws IllegalArgumentException when the settings allow neither TLS 1.3 nor TLS 1.2 with an MSSanté suite
     */
    public ServerTls forOperatorPeers() {
        if (unusableForPeers != null) {
            throw new IllegalArgumentException(unusableForPeers);
        }
        return operatorPeers == null ? this : operatorPeers;
    }

    /**
     * The certificate the client of a TLS session presented, verified against the client trust anchors;
     * null when it presented none.
     */
    public PeerCertificate peerCertificate(SSLSession session) {
        return verifier.describe(session);
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
