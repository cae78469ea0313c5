package fr.mssante.connector.sasl;

/**
 * A malformed SASL message: a protocol error ({@code 501 5.5.2} in SMTP, {@code BAD} in IMAP), not an
 * authentication failure. The message says what was expected and never repeats what the client sent.
 */
public class SaslException extends Exception {

    private static final long serialVersionUID = 1L;

    public SaslException(String message) {
        super(message, null, false, false);
    }
}
