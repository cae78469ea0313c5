package fr.mssante.ejb.relay.smtp;

import java.nio.charset.StandardCharsets;

/**
 * The xtext encoding of DSN parameter values (RFC 3461 section 4): '+', '=' and every octet outside
 * '!'..'~' become {@code +HH}.
 */
final class Xtext {

    private Xtext() {
    }

    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 33 || c > 126 || c == '+' || c == '=') {
                out.append('+').append(String.format("%02X", c));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }
}
