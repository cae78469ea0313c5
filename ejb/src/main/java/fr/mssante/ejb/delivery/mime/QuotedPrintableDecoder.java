package fr.mssante.ejb.delivery.mime;

/**
 * Streaming quoted-printable decoder (RFC 2045 section 6.7). Soft line breaks ("=" at end of
 * line) are removed and "=XX" becomes the octet XX. Malformed escapes are passed through as
 * they are, the robust behaviour RFC 2045 section 6.7 note (2) suggests.
 */
final class QuotedPrintableDecoder implements ByteSink {

    private final SinkBuffer<byte[]> out;
    /** 0 = normal; 1 = after '='; 2 = after '=' and one hex digit; 3 = after "=" CR. */
    private int state;
    private int firstHex;
    /** White space seen after '=' (state 1): dropped before a soft line break, else kept. */
    private final byte[] spaces = new byte[80];
    private int spaceCount;

    QuotedPrintableDecoder(ByteSink next) {
        this.out = SinkBuffer.of(next, 8192);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            switch (state) {
                case 0 -> {
                    if (c == '=') {
                        state = 1;
                    } else {
                        emit(c);
                    }
                }
                case 1 -> {
                    if (c == '\n') {
                        state = 0; // soft line break "=LF" (padding before it dropped)
                        spaceCount = 0;
                    } else if (c == '\r') {
                        state = 3;
                        spaceCount = 0;
                    } else if ((c == ' ' || c == '\t') && spaceCount < spaces.length) {
                        spaces[spaceCount++] = (byte) c; // transport padding, or just text?
                    } else if (spaceCount == 0 && hex(c) >= 0) {
                        firstHex = c;
                        state = 2;
                    } else {
                        emitEqualsAndSpaces();
                        state = 0;
                        if (c == '=') {
                            state = 1;
                        } else {
                            emit(c);
                        }
                    }
                }
                case 2 -> {
                    if (hex(c) >= 0) {
                        emit(hex(firstHex) * 16 + hex(c));
                        state = 0;
                    } else {
                        emit('=');
                        emit(firstHex);
                        state = 0;
                        if (c == '=') {
                            state = 1;
                        } else {
                            emit(c);
                        }
                    }
                }
                default -> { // after "=CR"
                    state = 0;
                    if (c != '\n') {
                        if (c == '=') {
                            state = 1;
                        } else {
                            emit(c);
                        }
                    }
                }
            }
        }
        out.flush();
    }

    private void emitEqualsAndSpaces() {
        emit('=');
        for (int i = 0; i < spaceCount; i++) {
            emit(spaces[i]);
        }
        spaceCount = 0;
    }

    private static int hex(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private void emit(int octet) {
        out.put(octet);
    }

    @Override
    public void close() {
        if (state == 2) {
            emit('=');
            emit(firstHex);
        } else if (state == 1) {
            emitEqualsAndSpaces();
        }
        state = 0;
        out.close();
    }
}
