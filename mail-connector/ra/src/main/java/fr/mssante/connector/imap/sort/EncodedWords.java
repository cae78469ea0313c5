package fr.mssante.connector.imap.sort;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes RFC 2047 encoded words ({@code =?charset?B|Q?text?=}) in header text, as RFC 5256 section 2.1
 * asks before a base subject is extracted. Whitespace between two encoded words is dropped
 * (RFC 2047 section 6.2); an unknown charset or a malformed word is left as it is. The input is the
 * header's octets as ISO-8859-1 chars; raw 8-bit text is read as UTF-8 when it is valid UTF-8.
 */
public final class EncodedWords {

    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([BbQq])\\?([^?\\s]*)\\?=");
    private static final Pattern BETWEEN_WORDS = Pattern.compile("(\\?=)[ \\t\\r\\n]+(=\\?)");

    private EncodedWords() {
    }

    public static String decode(String octets) {
        String text = BETWEEN_WORDS.matcher(rawUtf8(octets)).replaceAll("$1$2");
        Matcher word = WORD.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        while (word.find()) {
            out.append(text, last, word.start());
            String decoded = decodeWord(word.group(1), word.group(2), word.group(3));
            out.append(decoded != null ? decoded : word.group());
            last = word.end();
        }
        return out.append(text, last, text.length()).toString();
    }

    private static String rawUtf8(String octets) {
        byte[] bytes = octets.getBytes(StandardCharsets.ISO_8859_1);
        String utf8 = new String(bytes, StandardCharsets.UTF_8);
        return utf8.contains("\uFFFD") ? octets : utf8;
    }

    private static String decodeWord(String charsetName, String encoding, String text) {
        try {
            // RFC 2231 section 5: a language may follow the charset after "*".
            Charset charset = Charset.forName(charsetName.split("\\*", 2)[0]);
            byte[] bytes = encoding.toUpperCase(Locale.ROOT).equals("B")
                    ? Base64.getMimeDecoder().decode(text)
                    : quotedPrintable(text);
            return new String(bytes, charset);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The "Q" encoding: "_" is a space, "=XX" an octet (RFC 2047 section 4.2). */
    private static byte[] quotedPrintable(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < text.length()) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }
}
