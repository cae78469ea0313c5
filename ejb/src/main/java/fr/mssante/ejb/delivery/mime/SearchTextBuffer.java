package fr.mssante.ejb.delivery.mime;

/**
 * Collects the decoded body text of a message for IMAP SEARCH BODY / TEXT (RFC 3501 section
 * 6.4.4), up to a fixed number of chars so that a 25 MiB message cannot produce a 25 M-char
 * column. Parts are separated by a line break.
 *
 * <p>Only what a person would type in a search is kept: CR is dropped (lines end with LF), other
 * C0 controls and NUL become spaces (PostgreSQL text and jsonb reject NUL), non-breaking spaces
 * become plain spaces.
 */
final class SearchTextBuffer {

    private final StringBuilder sb = new StringBuilder();
    private final int limit;
    /** Set when the cap is reached, even if a final surrogate pair did not fit. */
    private boolean full;

    SearchTextBuffer(int limit) {
        this.limit = Math.max(0, limit);
    }

    boolean isFull() {
        return full || sb.length() >= limit;
    }

    /** Separates the text of a new part from the previous one. */
    void startPart() {
        if (!isFull() && sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
            sb.append('\n');
        }
    }

    /** Appends the text of the current part, until the cap. */
    void append(CharSequence text) {
        for (int i = 0; i < text.length() && !isFull(); i++) {
            char ch = text.charAt(i);
            if (ch == '\r') {
                continue;
            }
            if ((ch < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7f || ch == '\u00a0') {
                ch = ' ';
            }
            if (Character.isHighSurrogate(ch) && sb.length() + 1 >= limit) {
                full = true; // never cut a surrogate pair in two
                break;
            }
            sb.append(ch);
        }
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
