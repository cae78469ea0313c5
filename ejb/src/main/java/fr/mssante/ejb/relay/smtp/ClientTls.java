package fr.mssante.ejb.relay.smtp;

import javax.net.ssl.SSLContext;
import java.util.List;

/**
 * The TLS side of the client: the context with our client certificate and the trust anchors peers are
 * verified against, and what may be negotiated.
 *
 * @param context      key managers (our certificate) and trust managers (the peer's chain)
 * @param protocols    e.g. {@code TLSv1.3}, {@code TLSv1.2}
 * @param cipherSuites the TLS 1.2 suites allowed (MSSanté's) and the TLS 1.3 ones
 */
public record ClientTls(SSLContext context, List<String> protocols, List<String> cipherSuites) {

    public ClientTls {
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
    }
}
