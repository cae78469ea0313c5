package fr.mssante.connector.sasl;

import fr.mssante.connector.api.auth.Credentials;

/**
 * SASL PLAIN (RFC 4616): one message {@code [authzid] NUL authcid NUL passwd}, UTF-8, no challenge.
 */
public final class PlainMechanism extends SaslMechanism {

    public static final String NAME = "PLAIN";

    public PlainMechanism() {
        super(NAME, Requirement.CONFIDENTIALITY);
    }

    @Override
    public SaslExchange start() {
        return PlainMechanism::credentials;
    }

    private static SaslExchange.Step credentials(byte[] message) throws SaslException {
        int first = indexOf(message, 0);
        int second = first < 0 ? -1 : indexOf(message, first + 1);
        if (second < 0 || indexOf(message, second + 1) >= 0) {
            throw new SaslException("PLAIN expects authzid NUL authcid NUL passwd (RFC 4616)");
        }
        String authorizationId = SaslText.utf8(message, 0, first, NAME);
        String authenticationId = SaslText.utf8(message, first + 1, second, NAME);
        String password = SaslText.utf8(message, second + 1, message.length, NAME);
        if (authenticationId.isEmpty() || password.isEmpty()) {
            throw new SaslException("PLAIN needs an authentication identity and a password");
        }
        return new SaslExchange.Complete(new Credentials.Password(NAME, authorizationId.isEmpty() ? null : authorizationId,
                authenticationId, password));
    }

    private static int indexOf(byte[] message, int from) {
        for (int i = from; i < message.length; i++) {
            if (message[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
