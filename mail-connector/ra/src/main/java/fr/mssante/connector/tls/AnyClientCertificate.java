package fr.mssante.connector.tls;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * The MX's handshake trust manager: it accepts whatever chain a client presents, so that another operator
 * with a wrong, expired or foreign certificate still reaches the SMTP dialogue and gets a precise
 * {@code 550 5.7.1} (and an audit event) instead of an opaque handshake failure. The verdict is not given
 * here: {@link ClientChainVerifier} verifies the session's peer chain with the JDK's PKIX once the
 * handshake is over, for the application to decide. TLS still proves that the client holds the private
 * key of the certificate it presented (CertificateVerify, RFC 8446 section 4.4.3, RFC 5246 section 7.4.8).
 *
 * <p>It names no acceptable issuer: a client then presents the certificate it has even when it is not
 * from the configured CAs (a JDK or OpenSSL client otherwise sends none, and the refusal could only say
 * "no certificate"). Server-side only: it never verifies a server.
 */
final class AnyClientCertificate extends X509ExtendedTrustManager {

    static final AnyClientCertificate INSTANCE = new AnyClientCertificate();

    private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

    private AnyClientCertificate() {
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // Accepted: the verdict is ClientChainVerifier's, after the handshake.
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // Idem.
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // Idem.
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("server-side trust manager: it verifies no server");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NO_ISSUERS;
    }
}
