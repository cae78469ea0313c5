package fr.mssante.connector.imap.request;

/**
 * A well-formed command whose arguments can never be acted on (a mailbox name that is not valid
 * modified UTF-7): answered {@code <tag> NO [CANNOT] <message>} (RFC 5530 section 3), the session goes on.
 */
public final class RefusedRequest extends Exception {

    private static final long serialVersionUID = 1L;

    private final String tag;

    public RefusedRequest(String tag, String message) {
        super(message, null, false, false);
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
