package fr.mssante.connector.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Reads message data after DATA: finds the terminator, removes the transparency dots and checks the
 * content, byte by byte so that any split of the stream into reads gives the same result.
 *
 * <ul>
 *   <li>The only terminator is CRLF "." CRLF (RFC 5321 section 4.1.1.4), the first CRLF being the one
 *       of the DATA command itself or of the previous line. {@code LF.LF}, {@code CR.LF}, {@code LF.CRLF},
 *       {@code CR.CRLF}, {@code CRLF.LF}... are ordinary data: they are what SMTP smuggling
 *       (CVE-2023-51764/5/6) hides a second message behind, so what follows them is never read as
 *       commands.</li>
 *   <li>Any bare CR or bare LF in the data condemns the message ({@link FramingViolation#BARE_CR},
 *       {@link FramingViolation#BARE_LF}): it will be refused once the real terminator arrives, never
 *       delivered.</li>
 *   <li>A line starting with "." loses that dot (RFC 5321 section 4.5.2).</li>
 *   <li>Line length (RFC 5321 section 4.5.3.1.6, CRLF included, stuffing dot excluded) and message size
 *       (RFC 1870, counted on the unstuffed content) are checked as the bytes go by.</li>
 * </ul>
 *
 * <p>After the first violation nothing more is written out: the message will be refused, so the rest
 * is only scanned for the terminator. Memory use is therefore independent of what the client sends.
 */
final class DataScanner implements ByteProcessor {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte DOT = '.';

    private enum State {
        /** After a CRLF: a dot here is either stuffing or the start of the terminator. */
        LINE_START,
        IN_LINE,
        /** A CR that is not yet known to be followed by LF; not written out yet. */
        CR_SEEN,
        /** A dot at the start of a line; not written out, and never will be (it is stuffing or terminator). */
        DOT_SEEN,
        /** CRLF "." CR: one LF away from the end. */
        DOT_CR_SEEN
    }

    private final int maxLineLength;
    private final long maxMessageSize;

    private State state = State.LINE_START;
    private int lineLength;
    private long size;
    private FramingViolation violation;
    private boolean ended;
    private ByteBuf out;

    DataScanner(int maxLineLength, long maxMessageSize) {
        this.maxLineLength = maxLineLength;
        this.maxMessageSize = maxMessageSize;
    }

    /**
     * Sets where content goes for the next scan. It is at most one octet longer than the input scanned
     * (a CR held back from the previous scan is written with its LF), and the scan stops when fewer than
     * two octets are left in it.
     */
    DataScanner writeTo(ByteBuf chunk) {
        this.out = chunk;
        return this;
    }

    /** Consumes one byte; returns false at the end of data or when the output chunk is full. */
    @Override
    public boolean process(byte b) {
        switch (state) {
            case LINE_START:
                if (b == DOT) {
                    state = State.DOT_SEEN;
                } else {
                    inLine(b);
                }
                break;
            case CR_SEEN:
                if (b == LF) {
                    content(CR);
                    content(LF);
                    lineLength = 0;
                    state = State.LINE_START;
                } else {
                    violate(FramingViolation.BARE_CR);
                    inLine(b);
                }
                break;
            case DOT_SEEN:
                // The dot was stuffing (or starts the terminator, handled in DOT_CR_SEEN): drop it.
                if (b == CR) {
                    state = State.DOT_CR_SEEN;
                } else {
                    inLine(b);
                }
                break;
            case DOT_CR_SEEN:
                if (b == LF) {
                    ended = true;
                    return false;
                }
                violate(FramingViolation.BARE_CR);
                inLine(b);
                break;
            case IN_LINE:
                inLine(b);
                break;
        }
        return out.writableBytes() >= 2;
    }

    private void inLine(byte b) {
        state = State.IN_LINE;
        if (b == CR) {
            state = State.CR_SEEN;
        } else if (b == LF) {
            violate(FramingViolation.BARE_LF);
        } else {
            content(b);
        }
    }

    private void content(byte b) {
        if (violation != null) {
            return;
        }
        if (++size > maxMessageSize) {
            violate(FramingViolation.MESSAGE_TOO_LARGE);
        } else if (++lineLength > maxLineLength) {
            violate(FramingViolation.LINE_TOO_LONG);
        } else {
            out.writeByte(b);
        }
    }

    private void violate(FramingViolation v) {
        if (violation == null) {
            violation = v;
        }
    }

    /** Whether the last scan stopped on the terminator. */
    boolean ended() {
        return ended;
    }

    /** Returns the verdict on the message just ended ({@code null}: acceptable) and gets ready for the next one. */
    FramingViolation finish() {
        FramingViolation verdict = violation;
        state = State.LINE_START;
        lineLength = 0;
        size = 0;
        violation = null;
        ended = false;
        out = null;
        return verdict;
    }
}
