package fr.mssante.ejb.dsn;

import java.util.Arrays;

/**
 * The third part of a report: the original message, or only its header section (RFC 3464 section 2,
 * RFC 3461 section 4.3, RFC 6522 for {@code text/rfc822-headers}).
 *
 * @param contentType {@code message/rfc822} or {@code text/rfc822-headers}
 * @param bytes       what is returned, as stored (our Received header first)
 */
record ReturnedContent(String contentType, byte[] bytes) {

    static final String FULL = "message/rfc822";
    static final String HEADERS = "text/rfc822-headers";

    /**
     * @param stored        the stored original, or its first {@code maxFullSize + 1} octets when it is larger
     * @param full          RET=FULL
     * @param maxFullSize   above this size the message is not returned whole, only its header: a report must
     *                      stay deliverable, and the sender still has the message
     */
    static ReturnedContent of(byte[] stored, boolean full, long maxFullSize) {
        if (full && stored.length <= maxFullSize) {
            return new ReturnedContent(FULL, stored);
        }
        return new ReturnedContent(HEADERS, headerSection(stored));
    }

    /**
     * The header fields up to (and including the CRLF of) the last field line, without the empty line that
     * ends them (RFC 5322 section 2.1). Cut after the last complete line when no empty line is found in what
     * was read, so that a header part never ends inside a field.
     */
    static byte[] headerSection(byte[] message) {
        for (int i = 0; i + 3 < message.length; i++) {
            if (message[i] == '\r' && message[i + 1] == '\n' && message[i + 2] == '\r' && message[i + 3] == '\n') {
                return Arrays.copyOf(message, i + 2);
            }
        }
        for (int i = message.length - 1; i > 0; i--) {
            if (message[i] == '\n' && message[i - 1] == '\r') {
                return Arrays.copyOf(message, i + 1);
            }
        }
        return new byte[0];
    }

    /** RFC 2046 section 5.2.1: message/rfc822 is 7bit or 8bit; text/rfc822-headers likewise. */
    String transferEncoding() {
        for (byte b : bytes) {
            if (b < 0) {
                return "8bit";
            }
        }
        return "7bit";
    }
}
