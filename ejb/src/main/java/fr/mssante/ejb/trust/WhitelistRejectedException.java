package fr.mssante.ejb.trust;

/**
 * A downloaded whitelist that must not replace the current one: unreachable, truncated, too large,
 * unparsable, of another schema, empty, or not matching its published digest. The message says which,
 * in words an operator can act on; it is audited and shown over REST and in {@code /health}.
 */
public class WhitelistRejectedException extends Exception {

    public WhitelistRejectedException(String message) {
        super(message);
    }

    public WhitelistRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
