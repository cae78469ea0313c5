package fr.mssante.connector.sasl;

import fr.mssante.connector.api.auth.Credentials;

/**
 * EXTERNAL (RFC 4422 appendix A): the client is who its TLS client certificate says; its only message is
 * the authorization identity it wants, UTF-8, or empty for the one the certificate maps to. Offered only
 * where a verified certificate was presented.
 */
public final class ExternalMechanism extends SaslMechanism {

    public static final String NAME = "EXTERNAL";

    public ExternalMechanism() {
        super(NAME, Requirement.CLIENT_CERTIFICATE);
    }

    @Override
    public SaslExchange start() {
        return ExternalMechanism::credentials;
    }

    private static SaslExchange.Step credentials(byte[] message) throws SaslException {
        String authorizationId = SaslText.utf8(message, NAME);
        if (authorizationId.indexOf('\0') >= 0) {
            throw new SaslException("EXTERNAL expects an authorization identity or nothing (RFC 4422 appendix A)");
        }
        return new SaslExchange.Complete(new Credentials.Certificate(authorizationId.isEmpty() ? null : authorizationId));
    }
}
