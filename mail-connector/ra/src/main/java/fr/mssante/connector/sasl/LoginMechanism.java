package fr.mssante.connector.sasl;

import fr.mssante.connector.api.auth.Credentials;

import java.nio.charset.StandardCharsets;

/**
 * The non-standard LOGIN mechanism (draft-murchison-sasl-login), still the default of Outlook and of many
 * devices: the server asks {@code Username:} then {@code Password:}, the client answers each. A client
 * may send the user name as initial response, skipping the first challenge.
 */
public final class LoginMechanism extends SaslMechanism {

    public static final String NAME = "LOGIN";
    private static final byte[] USERNAME = "Username:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PASSWORD = "Password:".getBytes(StandardCharsets.US_ASCII);

    public LoginMechanism() {
        super(NAME, Requirement.CONFIDENTIALITY);
    }

    @Override
    public SaslExchange start() {
        return new Exchange();
    }

    private static final class Exchange implements SaslExchange {

        private String username;

        @Override
        public byte[] initialChallenge() {
            return USERNAME.clone();
        }

        @Override
        public Step evaluate(byte[] response) throws SaslException {
            String text = SaslText.utf8(response, NAME);
            if (text.isEmpty() || text.indexOf('\0') >= 0) {
                throw new SaslException(username == null ? "LOGIN expects a user name" : "LOGIN expects a password");
            }
            if (username == null) {
                username = text;
                return new Challenge(PASSWORD.clone());
            }
            return new Complete(new Credentials.Password(NAME, null, username, text));
        }
    }
}
