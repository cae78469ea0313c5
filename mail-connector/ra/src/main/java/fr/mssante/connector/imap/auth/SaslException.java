package fr.mssante.connector.imap.auth;

/** A malformed SASL response: the AUTHENTICATE command is answered {@code BAD}. */
public class SaslException extends Exception {

    private static final long serialVersionUID = 1L;

    public SaslException(String message) {
        super(message, null, false, false);
    }
}
