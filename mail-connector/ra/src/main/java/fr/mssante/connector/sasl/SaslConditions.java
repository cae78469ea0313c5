package fr.mssante.connector.sasl;

import java.security.cert.X509Certificate;

/**
 * What a connection offers the mechanisms' {@link SaslMechanism.Requirement}s.
 *
 * @param secretsAllowed    secrets may be sent: the connection is encrypted, or plaintext authentication
 *                          is allowed by configuration (tests, and until TLS is configured)
 * @param clientCertificate the client presented a verified certificate during the TLS handshake
 */
public record SaslConditions(boolean secretsAllowed, boolean clientCertificate) {

    public static SaslConditions of(boolean tls, X509Certificate certificate, boolean allowPlaintextAuth) {
        return new SaslConditions(tls || allowPlaintextAuth, tls && certificate != null);
    }

    boolean meet(SaslMechanism.Requirement requirement) {
        return switch (requirement) {
            case CONFIDENTIALITY -> secretsAllowed;
            case CLIENT_CERTIFICATE -> clientCertificate;
        };
    }
}
