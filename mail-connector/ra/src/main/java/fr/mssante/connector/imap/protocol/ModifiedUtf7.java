package fr.mssante.connector.imap.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The modified UTF-7 of RFC 3501 section 5.1.3, in which IMAP4rev1 carries international mailbox
 * names: printable US-ASCII stands for itself except {@code &}, written {@code &-}; any other run of
 * characters is {@code &}, the modified BASE64 (comma instead of slash, no padding) of its UTF-16BE
 * form, and {@code -}.
 *
 * <p>Decoding is strict, as the RFC asks: 8-bit octets, an unterminated or non-minimal shift, padding,
 * or a shifted run of printable ASCII are refused, so that one mailbox has exactly one encoded name.
 */
public final class ModifiedUtf7 {

    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private ModifiedUtf7() {
    }

    public static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c == '&') {
                out.append("&-");
                i++;
            } else if (c >= 0x20 && c <= 0x7e) {
                out.append(c);
                i++;
            } else {
                int start = i;
                while (i < name.length() && (name.charAt(i) < 0x20 || name.charAt(i) > 0x7e)) {
                    i++;
                }
                byte[] utf16 = name.substring(start, i).getBytes(StandardCharsets.UTF_16BE);
                out.append('&').append(ENCODER.encodeToString(utf16).replace('/', ',')).append('-');
            }
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException if {@code encoded} is not valid modified UTF-7 */
    public static String decode(String encoded) {
        StringBuilder out = new StringBuilder(encoded.length());
        int i = 0;
        while (i < encoded.length()) {
            char c = encoded.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("8-bit or control character in mailbox name");
            }
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int end = encoded.indexOf('-', i + 1);
            if (end < 0) {
                throw new IllegalArgumentException("unterminated &... in mailbox name");
            }
            if (end == i + 1) {
                out.append('&');
            } else {
                out.append(decodeShifted(encoded.substring(i + 1, end)));
            }
            i = end + 1;
        }
        return out.toString();
    }

    private static String decodeShifted(String base64) {
        if (base64.indexOf('/') >= 0 || base64.indexOf('=') >= 0) {
            throw new IllegalArgumentException("'/' or padding in modified BASE64");
        }
        byte[] utf16;
        try {
            utf16 = DECODER.decode(base64.replace(',', '/'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid modified BASE64 in mailbox name", e);
        }
        if (utf16.length % 2 != 0) {
            throw new IllegalArgumentException("odd UTF-16 length in mailbox name");
        }
        String decoded = new String(utf16, StandardCharsets.UTF_16BE);
        for (int k = 0; k < decoded.length(); k++) {
            char c = decoded.charAt(k);
            if (c >= 0x20 && c <= 0x7e) {
                throw new IllegalArgumentException("printable US-ASCII must not be shifted");
            }
        }
        // Re-encoding must give the same text: rejects trailing garbage bits and split surrogates.
        if (!ENCODER.encodeToString(decoded.getBytes(StandardCharsets.UTF_16BE)).replace('/', ',').equals(base64)) {
            throw new IllegalArgumentException("non-canonical modified BASE64 in mailbox name");
        }
        return decoded;
    }
}
