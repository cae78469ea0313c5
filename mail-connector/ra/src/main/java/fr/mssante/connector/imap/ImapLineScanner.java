package fr.mssante.connector.imap;

import io.netty.util.ByteProcessor;

import java.util.Arrays;

/**
 * Finds the end of one command line, byte by byte so that a line may arrive in any number of reads.
 *
 * <p>CRLF ends a line (RFC 3501 section 2.2); a bare LF is accepted too, as most servers do for people
 * typing at a terminal: unlike SMTP, no other server reads the same stream, so there is nothing to
 * smuggle. At most {@code maxLineLength - 2} octets are kept; of a longer line only the last octets
 * are remembered, enough to see whether it announced a literal that must be skipped.
 *
 * <p>The buffer grows with the line and shrinks back after a long one (ADR 0036): the limit is 64 KiB, and a
 * buffer of that size allocated up front for each of 10,000 connections in IDLE, whose lines are
 * {@code DONE} and {@code a1 IDLE}, would take 640 MiB of heap.
 */
final class ImapLineScanner implements ByteProcessor {

    private static final int TAIL = 32;
    /** The buffer of a fresh connection: most command lines fit. */
    private static final int INITIAL = 256;
    /** Above this, the buffer of a long line is not kept for the next one. */
    private static final int RETAINED = 4096;

    /** Room for the longest line and its CR. */
    private final int capacity;
    private final int maxContent;
    private final byte[] tail = new byte[TAIL];
    private byte[] line;
    private int length;
    private long total;

    /** @param maxLineLength the longest accepted line, CRLF included */
    ImapLineScanner(int maxLineLength) {
        this.capacity = maxLineLength - 1;
        this.maxContent = maxLineLength - 2;
        this.line = new byte[Math.min(INITIAL, capacity)];
    }

    /** Consumes one byte; returns false on the LF that ends the line. */
    @Override
    public boolean process(byte b) {
        if (b == '\n') {
            return false;
        }
        if (length < capacity) {
            if (length == line.length) {
                line = Arrays.copyOf(line, Math.min(capacity, line.length * 2));
            }
            line[length++] = b;
        } else {
            System.arraycopy(tail, 1, tail, 0, TAIL - 1);
            tail[TAIL - 1] = b;
        }
        total++;
        return true;
    }

    private boolean overflowed() {
        return total > capacity;
    }

    private int cr() {
        byte last = overflowed() ? tail[TAIL - 1] : length > 0 ? line[length - 1] : 0;
        return last == '\r' ? 1 : 0;
    }

    /** Whether the line just ended was longer than allowed. */
    boolean tooLong() {
        return overflowed() || length - cr() > maxContent;
    }

    /** The first octets of the line being scanned, enough for its tag, even when it is too long. */
    byte[] head() {
        return Arrays.copyOf(line, Math.min(length, 64));
    }

    /** The line just ended, without its CR; only meaningful when not {@link #tooLong()}. */
    byte[] takeLine() {
        byte[] taken = Arrays.copyOf(line, length - cr());
        reset();
        return taken;
    }

    /** The literal header ending the line just ended (also of a line too long), then forgets the line. */
    LiteralHeader takeTrailingLiteral() {
        LiteralHeader header;
        if (overflowed()) {
            int kept = (int) Math.min(TAIL, total - capacity);
            byte[] end = new byte[length + kept];
            System.arraycopy(line, 0, end, 0, length);
            System.arraycopy(tail, TAIL - kept, end, length, kept);
            header = LiteralHeader.at(end, end.length - cr());
        } else {
            header = LiteralHeader.at(line, length - cr());
        }
        reset();
        return header;
    }

    private void reset() {
        length = 0;
        total = 0;
        Arrays.fill(tail, (byte) 0);
        if (line.length > RETAINED) {
            line = new byte[Math.min(INITIAL, capacity)];
        }
    }
}
