package fr.mssante.ejb.delivery.mime;

import java.io.IOException;
import java.io.InputStream;

/**
 * Cuts a raw message stream into line segments while keeping track of absolute byte offsets.
 *
 * <p>Why not a {@code BufferedReader}: MIME structure is defined on octets (RFC 2045 section 2.1,
 * RFC 2046 section 5.1.1) and the IMAP server must later slice the stored blob at exact byte
 * positions, so no character decoding or line-ending normalisation may happen here.
 *
 * <p>A segment is a whole line including its LF terminator whenever the line fits in the buffer.
 * Longer lines (a base64 attachment without line breaks, a malicious 20 MiB header) are returned
 * as several segments: only the first has {@link #lineStart()}, only the last has
 * {@link #lineEnd()}. A line-start segment is therefore either a complete line or at least one
 * full buffer long, which is plenty to recognise a MIME boundary (at most 70 characters, RFC 2046
 * section 5.1.1) or an empty line. Memory use is one buffer, whatever the message size.
 */
final class LineReader {

    static final int DEFAULT_BUFFER_SIZE = 64 * 1024;

    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int lim;
    private boolean eof;
    /** Absolute offset of {@code buf[0]} in the stream. */
    private long bufBase;
    /** Bytes in [pos, scanned) are known not to contain LF (avoids rescanning after a fill). */
    private int scanned;

    private int segStart;
    private int segLen;
    private boolean segLineStart;
    private boolean segLineEnd;
    private boolean nextIsLineStart = true;

    LineReader(InputStream in) {
        this(in, DEFAULT_BUFFER_SIZE);
    }

    LineReader(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[Math.max(bufferSize, 1024)];
    }

    /**
     * Moves to the next segment.
     *
     * @return false at end of stream
     */
    boolean next() throws IOException {
        while (true) {
            int lf = indexOfLf(Math.max(pos, scanned), lim);
            scanned = lim;
            if (lf >= 0) {
                emit(pos, lf + 1 - pos, true);
                return true;
            }
            if (eof) {
                if (pos < lim) {
                    emit(pos, lim - pos, false);
                    return true;
                }
                return false;
            }
            if (pos == 0 && lim == buf.length) {
                // Line longer than the buffer: hand out what we have, the rest follows.
                emit(pos, lim - pos, false);
                return true;
            }
            fill();
        }
    }

    private void emit(int start, int len, boolean lineEnd) {
        segStart = start;
        segLen = len;
        segLineStart = nextIsLineStart;
        segLineEnd = lineEnd;
        nextIsLineStart = lineEnd;
        pos = start + len;
        scanned = pos;
    }

    private int indexOfLf(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            bufBase += pos;
            lim -= pos;
            scanned -= pos;
            pos = 0;
        }
        int n = in.read(buf, lim, buf.length - lim);
        if (n < 0) {
            eof = true;
        } else {
            lim += n;
        }
    }

    byte[] buffer() {
        return buf;
    }

    int start() {
        return segStart;
    }

    int length() {
        return segLen;
    }

    /** Absolute offset of the first byte of the current segment. */
    long offset() {
        return bufBase + segStart;
    }

    /** Absolute offset just past the current segment. */
    long endOffset() {
        return bufBase + segStart + segLen;
    }

    boolean lineStart() {
        return segLineStart;
    }

    /** The segment ends with LF, i.e. it completes a line. */
    boolean lineEnd() {
        return segLineEnd;
    }

    /** Byte at index {@code i} of the current segment. */
    int byteAt(int i) {
        return buf[segStart + i] & 0xff;
    }

    /** Last byte of the current segment, or -1 when empty. */
    int lastByte() {
        return segLen == 0 ? -1 : buf[segStart + segLen - 1] & 0xff;
    }
}
