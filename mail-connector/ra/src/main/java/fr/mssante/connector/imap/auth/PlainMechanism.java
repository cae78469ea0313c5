package fr.mssante.connector.imap.auth;

import fr.mssante.connector.api.auth.Credentials;

import java.nio.charset.StandardCharsets;

/**
 * SASL PLAIN (RFC 4616): one message {@code [authzid] NUL authcid NUL passwd}, UTF-8, no challenge.
 */
public final class PlainMechanism implements SaslMechanism {

    public static final String NAME = "PLAIN";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean plaintext() {
        return true;
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
        String authorizationId = new String(message, 0, first, StandardCharsets.UTF_8);
        String authenticationId = new String(message, first + 1, second - first - 1, StandardCharsets.UTF_8);
        String password = new String(message, second + 1, message.length - second - 1, StandardCharsets.UTF_8);
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
