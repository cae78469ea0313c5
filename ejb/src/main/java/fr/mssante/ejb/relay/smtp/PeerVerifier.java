package fr.mssante.ejb.relay.smtp;

import java.security.cert.X509Certificate;

/**
 * Decides, once TLS has verified the peer's chain against our trust anchors, whether this peer is the
 * operator we mean to give the message to (for MSSanté: the subject the whitelist declares for the
 * recipient domain).
 */
@FunctionalInterface
public interface PeerVerifier {

    /** @return why {@code leaf} is refused, or null when it is accepted */
    String refusal(X509Certificate leaf);
}
