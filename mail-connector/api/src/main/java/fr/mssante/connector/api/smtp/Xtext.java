package fr.mssante.connector.api.smtp;

/**
 * The "xtext" encoding of RFC 3461 section 4, used by the ENVID and ORCPT parameters (and AUTH, RFC 4954):
 * <pre>
 * xtext   = *( xchar / hexchar )
 * xchar   = any ASCII CHAR between "!" (33) and "~" (126) inclusive, except for "+" and "="
 * hexchar = "+" followed by two upper case hexadecimal digits
 * </pre>
 * Public so that the receiving side (decoding) and the relay (encoding) share one implementation.
 */
public final class Xtext {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Xtext() {
    }

    /**
     * @throws IllegalArgumentException with a reason fit for a 501 reply when the text is not xtext: a
     *         character outside 33..126, a bare {@code =}, or a {@code +} not followed by two upper-case hex digits
     */
    public static String decode(String xtext) {
        StringBuilder decoded = new StringBuilder(xtext.length());
        for (int i = 0; i < xtext.length(); i++) {
            char c = xtext.charAt(i);
            if (c == '+') {
                if (i + 2 >= xtext.length()) {
                    throw new IllegalArgumentException("'+' must be followed by two hexadecimal digits");
                }
                int high = upperHex(xtext.charAt(i + 1));
                int low = upperHex(xtext.charAt(i + 2));
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException("'+" + xtext.charAt(i + 1) + xtext.charAt(i + 2)
                            + "' is not '+' and two upper-case hexadecimal digits");
                }
                decoded.append((char) (high * 16 + low));
                i += 2;
            } else if (c < '!' || c > '~' || c == '=') {
                throw new IllegalArgumentException("character " + describe(c) + " must be encoded as '+XX'");
            } else {
                decoded.append(c);
            }
        }
        return decoded.toString();
    }

    /** Encodes printable ASCII and anything else octet by octet (callers pass US-ASCII, RFC 3461 section 4). */
    public static String encode(String text) {
        StringBuilder encoded = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '!' && c <= '~' && c != '+' && c != '=') {
                encoded.append(c);
            } else {
                if (c > 0xFF) {
                    throw new IllegalArgumentException("xtext encodes US-ASCII only: " + describe(c));
                }
                encoded.append('+').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return encoded.toString();
    }

    /** RFC 3461 section 4: "two upper case hexadecimal digits". */
    private static int upperHex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static String describe(char c) {
        return c >= '!' && c <= '~' ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
