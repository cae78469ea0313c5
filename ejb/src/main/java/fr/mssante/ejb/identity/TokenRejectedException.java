package fr.mssante.ejb.identity;

/** An access token that must not be accepted; the message says why, for logs and audit only. */
public class TokenRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    public TokenRejectedException(String message) {
        super(message, null, false, false);
    }
}
