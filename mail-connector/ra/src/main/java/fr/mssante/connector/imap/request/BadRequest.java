package fr.mssante.connector.imap.request;

/**
 * A command that cannot be parsed: answered {@code <tag> BAD <message>}, or {@code * BAD} when not even
 * the tag could be read (RFC 3501 section 7.1.3).
 */
public final class BadRequest extends Exception {

    private static final long serialVersionUID = 1L;

    private final String tag;

    public BadRequest(String tag, String message) {
        super(message, null, false, false);
        this.tag = tag;
    }

    /** The tag, or null when the line had none. */
    public String tag() {
        return tag;
    }
}
