package fr.mssante.connector.tls;

import fr.mssante.connector.api.smtp.PeerCertificate;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Verifies the chain a TLS client presented against the configured client trust anchors and describes
 * it as a {@link PeerCertificate}. The verification is the JDK's PKIX {@link X509TrustManager} for TLS
 * clients, the very one the handshake uses where a certificate is required: path to an anchor, signatures,
 * validity dates, and for the leaf the clientAuth extended key usage and digitalSignature key usage when
 * those extensions are present. Revocation is not checked (no CRL or OCSP source is configured), as in the
 * handshake.
 *
 * <p>Done on the session's peer chain after the handshake rather than recorded by the handshake's trust
 * manager: a resumed TLS session runs no certificate check at all, yet has the same peer chain.
 */
final class ClientChainVerifier {

    /** "java.security.cert.CertPathValidatorException: " and the like, in the JDK's wrapped messages. */
    private static final Pattern JAVA_CLASS_PREFIX = Pattern.compile("\\b[a-z][a-z0-9]*(\\.[a-z0-9]+)+\\.[A-Z]\\w*: ");
    private static final String NO_TRUST = "no client trust anchors configured (mssante.tls.client-trust)";

    /** Null when no anchor is configured: then no certificate is trusted. */
    private final X509TrustManager pkix;

    private ClientChainVerifier(X509TrustManager pkix) {
        this.pkix = pkix;
    }

    static ClientChainVerifier over(List<X509Certificate> anchors) {
        if (anchors.isEmpty()) {
            return new ClientChainVerifier(null);
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < anchors.size(); i++) {
                store.setCertificateEntry("anchor-" + i, anchors.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return new ClientChainVerifier(x509);
                }
            }
            throw new IllegalStateException("the PKIX TrustManagerFactory gave no X509TrustManager");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build the client certificate verifier: " + e.getMessage(), e);
        }
    }

    /** The client's certificate of a TLS session, null when it presented none. */
    PeerCertificate describe(SSLSession session) {
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate)) {
            return null;
        }
        return describe(Arrays.stream(chain).filter(X509Certificate.class::isInstance)
                .map(X509Certificate.class::cast).toArray(X509Certificate[]::new));
    }

    PeerCertificate describe(X509Certificate[] chain) {
        X509Certificate leaf = chain[0];
        String failure = verificationFailure(chain);
        return new PeerCertificate(leaf.getSubjectX500Principal().getName(X500Principal.RFC2253),
                leaf.getIssuerX500Principal().getName(X500Principal.RFC2253), sha256(leaf), failure == null, failure);
    }

    private String verificationFailure(X509Certificate[] chain) {
        if (pkix == null) {
            return NO_TRUST;
        }
        try {
            // The authType names the key exchange for server checks; for a client only a non-empty value is required.
            pkix.checkClientTrusted(chain, chain[0].getPublicKey().getAlgorithm());
            return null;
        } catch (CertificateException | IllegalArgumentException e) {
            return reason(e);
        }
    }

    /**
     * The JDK's message without Java class names, with the deepest cause when it adds something (the PKIX
     * exception says "validity check failed", its cause "NotAfter: ...").
     */
    private static String reason(Throwable failure) {
        String reason = withoutClassNames(String.valueOf(failure.getMessage()));
        Throwable deepest = failure;
        while (deepest.getCause() != null) {
            deepest = deepest.getCause();
        }
        String detail = deepest.getMessage() == null ? null : withoutClassNames(deepest.getMessage());
        return detail == null || reason.contains(detail) ? reason : reason + " (" + detail + ")";
    }

    private static String withoutClassNames(String message) {
        return JAVA_CLASS_PREFIX.matcher(message).replaceAll("");
    }

    private static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint a certificate the handshake accepted", e);
        }
    }
}
