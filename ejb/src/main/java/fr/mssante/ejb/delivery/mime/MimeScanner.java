package fr.mssante.ejb.delivery.mime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Single-pass, byte-exact scan of a raw message into a {@link PartNode} tree (RFC 5322 header
 * and body, RFC 2046 multipart and message/rfc822 nesting).
 *
 * <p>Why our own scanner rather than mime4j's {@code MimeTokenStream}: the IMAP server will
 * answer BODY[section] by slicing the stored blob, so it needs the exact octet offset of every
 * part's header and body. mime4j buffers the input internally and does not expose positions, nor
 * the line breaks and transport padding it swallows around boundaries, so offsets cannot be
 * reconstructed from its events. Field-level parsing still uses mime4j (see {@link MimeParams},
 * {@link HeaderText}).
 *
 * <p>The scan follows Dovecot's message-parser so that structures, sizes and line counts are what
 * a Dovecot server would report, and it never fails on bad MIME:
 * <ul>
 * <li>A boundary line is "--" + boundary at the start of a line, anything may follow; when
 *     several active boundaries match, the longest wins, so nested multiparts whose boundaries
 *     share a prefix are told apart (RFC 2046 section 5.1.2 only requires a prefix match).</li>
 * <li>A boundary of an outer multipart closes every inner part still open: missing close
 *     delimiters and truncated parts end where the outer structure resumes, or at end of data.</li>
 * <li>A boundary inside a part header ends that header.</li>
 * <li>A header without its empty line (truncated message) ends at end of data.</li>
 * <li>Nesting deeper than {@link #MAX_DEPTH} or more than {@link #MAX_PARTS} parts: the rest is
 *     kept as body of the current part, like Dovecot's message_max_* limits.</li>
 * </ul>
 */
final class MimeScanner {

    static final int MAX_DEPTH = 100;
    static final int MAX_PARTS = 10_000;

    /** Creates the text sink of a leaf part, or returns null when its text is not wanted. */
    interface TextSinkFactory {
        ByteSink create(PartNode leaf);
    }

    private record ActiveBoundary(PartNode owner, byte[] boundary) {
    }

    private final LineReader in;
    private final TextSinkFactory sinks;
    private final PartNode root = new PartNode(null, true, 0);
    private final List<ActiveBoundary> boundaries = new ArrayList<>();
    private PartNode current = root;

    /** LF octets consumed so far. */
    private long lines;
    /** Length of the line break (LF or CRLF) ending the previous line. */
    private int prevTermLen;
    private int lastByte = -1;
    private long position;
    private int partCount = 1;

    /**
     * Line break of the last body line given to the current text sink, held back because it
     * belongs to the next boundary delimiter if one follows (RFC 2046 section 5.1.1).
     */
    private int heldBackEol;

    private boolean skippingBoundaryLine;
    private PartNode pendingChildOf;

    private MimeScanner(InputStream raw, TextSinkFactory sinks) {
        this.in = new LineReader(raw);
        this.sinks = sinks;
    }

    /** Scans the whole stream; the returned root's {@code end} is the message size. */
    static PartNode scan(InputStream raw, TextSinkFactory sinks) throws IOException {
        MimeScanner s = new MimeScanner(raw, sinks);
        s.run();
        return s.root;
    }

    private void run() throws IOException {
        while (in.next()) {
            process();
            consumed();
        }
        flushHeldBackEol(); // end of data: that line break was body after all
        closeUpTo(null, position, lines);
    }

    private void consumed() {
        if (in.lineEnd()) {
            int before;
            if (in.length() >= 2) {
                before = in.byteAt(in.length() - 2);
            } else {
                before = in.lineStart() ? -1 : lastByte;
            }
            prevTermLen = before == '\r' ? 2 : 1;
            lines++;
        }
        lastByte = in.lastByte();
        position = in.endOffset();
    }

    private void process() {
        if (skippingBoundaryLine) {
            if (in.lineEnd()) {
                skippingBoundaryLine = false;
                afterBoundaryLine(in.endOffset());
            }
            return;
        }
        if (in.lineStart() && !boundaries.isEmpty()) {
            ActiveBoundary b = findBoundary();
            if (b != null) {
                onBoundary(b, isCloseDelimiter(b));
                return;
            }
        }
        if (current.inHeader) {
            headerSegment();
        } else if (current.textSink != null) {
            bodyText();
        }
    }

    private void bodyText() {
        flushHeldBackEol();
        int len = in.length();
        if (in.lineEnd()) {
            heldBackEol = len >= 2 && in.byteAt(len - 2) == '\r' ? 2 : 1;
            len -= heldBackEol;
        }
        current.textSink.write(in.buffer(), in.start(), len);
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private void flushHeldBackEol() {
        if (heldBackEol > 0 && current != null && current.textSink != null) {
            current.textSink.write(CRLF, 2 - heldBackEol, heldBackEol);
        }
        heldBackEol = 0;
    }

    // ---------------------------------------------------------------- boundaries

    private ActiveBoundary findBoundary() {
        int len = in.length();
        if (len < 2 || in.byteAt(0) != '-' || in.byteAt(1) != '-') {
            return null;
        }
        ActiveBoundary best = null;
        for (int i = boundaries.size() - 1; i >= 0; i--) {
            ActiveBoundary b = boundaries.get(i);
            if (matches(b.boundary, len) && (best == null || best.boundary.length < b.boundary.length)) {
                best = b;
            }
        }
        return best;
    }

    private boolean matches(byte[] boundary, int len) {
        if (boundary.length > len - 2) {
            return false;
        }
        for (int i = 0; i < boundary.length; i++) {
            if (in.byteAt(2 + i) != (boundary[i] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    private boolean isCloseDelimiter(ActiveBoundary b) {
        int at = 2 + b.boundary.length;
        return in.length() >= at + 2 && in.byteAt(at) == '-' && in.byteAt(at + 1) == '-';
    }

    private void onBoundary(ActiveBoundary b, boolean close) {
        long lineStart = in.offset();
        long regionStart = current.inHeader ? current.headerStart : current.bodyStart;
        // RFC 2046 section 5.1.1: the CRLF preceding the boundary delimiter line is conceptually
        // attached to the boundary, so it is not part of the body being closed.
        long e = lineStart == regionStart ? lineStart : lineStart - prevTermLen;
        long linesE = lineStart == regionStart ? lines : lines - 1;
        closeUpTo(b.owner, e, linesE);

        int idx = boundaries.indexOf(b);
        while (boundaries.size() > idx + 1) {
            boundaries.remove(boundaries.size() - 1);
        }
        if (close) {
            boundaries.remove(idx); // what follows is the epilogue of b.owner
            pendingChildOf = null;
        } else {
            pendingChildOf = b.owner;
        }
        if (in.lineEnd()) {
            afterBoundaryLine(in.endOffset());
        } else {
            skippingBoundaryLine = true;
        }
    }

    private void afterBoundaryLine(long nextLineStart) {
        PartNode owner = pendingChildOf;
        pendingChildOf = null;
        if (owner == null) {
            return;
        }
        if (partCount >= MAX_PARTS) {
            boundaries.clear(); // too many parts: the rest is plain body data
            return;
        }
        PartNode child = new PartNode(owner, false, nextLineStart);
        owner.children.add(child);
        partCount++;
        current = child;
    }

    /** Ends every open node below {@code owner} (all nodes when owner is null) at {@code e}. */
    private void closeUpTo(PartNode owner, long e, long linesE) {
        while (current != null && current != owner) {
            if (current.inHeader) {
                // Truncated header: it ends here, the part has an empty body. A message/rfc822
                // still gets its (empty) encapsulated message, handled by the next iteration.
                endHeader(current, e, linesE, false);
                continue;
            }
            heldBackEol = 0; // the line break before a boundary is not body text
            current.end = e;
            current.linesAtEnd = linesE;
            if (current.textSink != null) {
                current.textSink.close();
                current.textSink = null;
            }
            current = current.parent;
        }
    }

    // ---------------------------------------------------------------- headers

    private void headerSegment() {
        HeaderFields h = current.headers;
        int len = in.length();
        if (!in.lineStart()) {
            h.append(in.buffer(), in.start(), len); // rest of an over-long header line
            return;
        }
        if (in.lineEnd() && (len == 1 || (len == 2 && in.byteAt(0) == '\r'))) {
            // Empty line: end of header (RFC 5322 section 2.1). It belongs to the header.
            endHeader(current, in.endOffset(), lines + 1, true);
            return;
        }
        int b0 = in.byteAt(0);
        if (b0 == ' ' || b0 == '\t') {
            h.append(in.buffer(), in.start(), len); // folded continuation, RFC 5322 section 2.2.3
            return;
        }
        int colon = -1;
        for (int i = 0; i < len; i++) {
            if (in.byteAt(i) == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= 0) {
            h.endField(); // not a field: ignored, the header goes on (Dovecot does the same)
            return;
        }
        String name = new String(in.buffer(), in.start(), colon, StandardCharsets.ISO_8859_1);
        h.startField(name, in.buffer(), in.start() + colon + 1, len - colon - 1);
    }

    private void endHeader(PartNode node, long bodyStart, long linesAt, boolean descend) {
        node.inHeader = false;
        node.headers.endField();
        node.bodyStart = bodyStart;
        node.linesAtBodyStart = linesAt;
        boolean insideMultipart = node.insideMultipart();
        boolean digest = insideMultipart && node.parent.content.isMultipartSubtype("digest");
        node.content = ContentInfo.parse(node.headers, insideMultipart, digest);
        boolean roomForMore = node.depth < MAX_DEPTH && partCount < MAX_PARTS;

        if (node.content.isMultipart()) {
            if (descend && roomForMore) {
                byte[] b = node.content.boundary().getBytes(StandardCharsets.ISO_8859_1);
                boundaries.add(new ActiveBoundary(node, b));
            }
        } else if (node.content.isMessage()) {
            if (roomForMore) {
                PartNode child = new PartNode(node, true, bodyStart);
                node.children.add(child);
                partCount++;
                current = child;
            }
        } else if (descend) {
            node.textSink = sinks.create(node);
        }
    }
}
