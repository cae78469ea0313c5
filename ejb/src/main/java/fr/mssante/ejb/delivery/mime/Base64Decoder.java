package fr.mssante.ejb.delivery.mime;

/**
 * Streaming base64 decoder (RFC 2045 section 6.8). Characters outside the base64 alphabet (line
 * breaks, stray spaces, garbage) are ignored as the RFC requires; decoding stops at the first
 * pad character, and a truncated final quantum yields the octets it fully encodes.
 */
final class Base64Decoder implements ByteSink {

    private static final byte[] VALUES = new byte[256];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = (byte) i;
        }
    }

    private final SinkBuffer<byte[]> out;
    private int quantum;
    private int bits;
    private boolean padded;

    Base64Decoder(ByteSink next) {
        this.out = SinkBuffer.of(next, 8192);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len && !padded; i++) {
            int c = b[i] & 0xff;
            if (c == '=') {
                padded = true;
                break;
            }
            int v = VALUES[c];
            if (v < 0) {
                continue;
            }
            quantum = (quantum << 6) | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out.put((quantum >> bits) & 0xff);
            }
        }
        out.flush();
    }

    @Override
    public void close() {
        out.close();
    }
}
