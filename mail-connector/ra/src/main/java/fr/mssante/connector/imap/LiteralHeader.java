package fr.mssante.connector.imap;

/**
 * The literal announcement that ends a command line: {@code {n}} (synchronising: the client waits for
 * a continuation request, RFC 3501 section 7.5) or {@code {n+}} (non-synchronising, RFC 7888: the
 * octets follow at once), each also as {@code ~{n}} / {@code ~{n+}}, a {@code literal8} (RFC 3516
 * section 4.2, RFC 4466 section 2.1), the only literal whose octets may include NUL.
 */
record LiteralHeader(long size, boolean synchronising, boolean binary) {

    /** Announced sizes beyond this are nonsense: treated as "too big" without overflowing a long. */
    private static final int MAX_DIGITS = 18;

    /** The header ending {@code line[0, length)}, or null. */
    static LiteralHeader at(byte[] line, int length) {
        if (length < 3 || line[length - 1] != '}') {
            return null;
        }
        int end = length - 1;
        boolean synchronising = true;
        if (line[end - 1] == '+') {
            synchronising = false;
            end--;
        }
        int start = end;
        while (start > 0 && line[start - 1] >= '0' && line[start - 1] <= '9') {
            start--;
        }
        if (start == end || start == 0 || line[start - 1] != '{') {
            return null;
        }
        boolean binary = start >= 2 && line[start - 2] == '~';
        if (end - start > MAX_DIGITS) {
            return new LiteralHeader(Long.MAX_VALUE, synchronising, binary);
        }
        long size = 0;
        for (int i = start; i < end; i++) {
            size = size * 10 + (line[i] - '0');
        }
        return new LiteralHeader(size, synchronising, binary);
    }
}
