package fr.mssante.ejb.delivery.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * One MIME entity found by {@link MimeScanner}, mutable while the scan runs.
 *
 * <p>The tree mirrors Dovecot's message_part tree, which is also how RFC 3501 section 6.4.5
 * numbers parts: the root is the whole message; a multipart has one child per body part; a
 * message/rfc822 entity has exactly one child, the encapsulated message, whose header starts
 * where the rfc822 entity's body starts.
 *
 * <p>Offsets are absolute in the raw message: {@code [headerStart, bodyStart)} is the header
 * including its terminating empty line, {@code [bodyStart, end)} the body. Per RFC 2046 section
 * 5.1.1 the line break before a boundary delimiter belongs to the delimiter, so it is not part
 * of the preceding body. Line counts are the number of LF octets in the body, which is what
 * Dovecot reports as body-fld-lines.
 */
final class PartNode {

    final PartNode parent;
    /** Root message or encapsulated message: its header is an RFC 5322 message header. */
    final boolean message;
    final int depth;
    final long headerStart;
    final HeaderFields headers;
    final List<PartNode> children = new ArrayList<>();

    long bodyStart = -1;
    long end = -1;
    long linesAtBodyStart;
    long linesAtEnd;
    boolean inHeader = true;
    ContentInfo content;
    /** Receives the body of a text part for the search text, or null. */
    ByteSink textSink;
    /** This part's text went into the search text. */
    boolean contributedText;

    PartNode(PartNode parent, boolean message, long headerStart) {
        this.parent = parent;
        this.message = message;
        this.depth = parent == null ? 0 : parent.depth + 1;
        this.headerStart = headerStart;
        this.headers = new HeaderFields(message);
    }

    /** A multipart entity (with a usable boundary, see {@link ContentInfo}). */
    boolean isMultipart() {
        return content != null && content.isMultipart();
    }

    boolean isEncapsulatingMessage() {
        return content != null && content.isMessage();
    }

    /** The encapsulated message of a message/rfc822 entity, or null. */
    PartNode encapsulated() {
        return isEncapsulatingMessage() && !children.isEmpty() ? children.get(0) : null;
    }

    long bodySize() {
        return end - bodyStart;
    }

    long bodyLines() {
        return linesAtEnd - linesAtBodyStart;
    }

    boolean insideMultipart() {
        return parent != null && parent.isMultipart();
    }
}
