package fr.mssante.ejb.delivery.mime;

import fr.mssante.connector.api.mail.LenientUtf8;
import java.nio.charset.StandardCharsets;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.util.MimeParameterMapping;

/**
 * Turns raw header octets into human-readable text for listings (subject, from, file names).
 *
 * <p>Steps: raw octets are read as UTF-8 with a windows-1252 fallback (RFC 6532 allows UTF-8 in
 * headers; older mailers put Latin-1 there), folding is removed (RFC 5322 section 2.2.3), then
 * RFC 2047 encoded words are decoded by mime4j's {@link DecoderUtil} with the charset
 * corrections of {@link MimeCharsets}. Control characters become spaces.
 */
public final class HeaderText {

    private HeaderText() {
    }

    /** Octet string to Unicode, no RFC 2047 decoding (for addresses, message ids). */
    static String toUnicode(String octets) {
        if (octets == null) {
            return null;
        }
        boolean ascii = true;
        for (int i = 0; i < octets.length() && ascii; i++) {
            ascii = octets.charAt(i) < 0x80;
        }
        return ascii ? octets : LenientUtf8.decode(octets.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Full decoding of an unstructured text such as Subject, a display name or a file name. */
    static String decode(String octets) {
        if (octets == null) {
            return null;
        }
        return clean(decodeEncodedWords(toUnicode(HeaderFields.unfold(octets, false))));
    }

    /**
     * The one RFC 2047 decoder of the application (delivery listings, SEARCH): mime4j's, with the charset
     * corrections of {@link MimeCharsets}; whitespace between adjacent encoded words goes (RFC 2047 section
     * 6.2); a malformed word or an unknown charset is left as written rather than failing anything.
     */
    public static String decodeEncodedWords(String text) {
        // No encoded word can be present without its "=?" opener (RFC 2047 section 2).
        if (text == null || !text.contains("=?")) {
            return text;
        }
        try {
            return DecoderUtil.decodeEncodedWords(text, DecodeMonitor.SILENT, StandardCharsets.UTF_8,
                    MimeCharsets.OVERRIDES);
        } catch (RuntimeException e) {
            return text;
        }
    }

    /**
     * Decodes an RFC 2231 extended parameter value {@code charset'language'percent-octets}
     * (RFC 2231 section 4) with mime4j's {@link MimeParameterMapping}. Continuations were merged
     * before ({@link MimeParams}, which keeps the encoded form for BODYSTRUCTURE). mime4j leaves a value
     * it cannot decode (unknown charset, bad percent escape) as written, and reads ISO-8859-1 as
     * ISO-8859-1 (not windows-1252 as {@link MimeCharsets} does for body text): control characters
     * that gives become spaces here.
     */
    static String decodeRfc2231(String value) {
        MimeParameterMapping mapping = new MimeParameterMapping();
        mapping.addParameter("p*", toUnicode(value));
        return clean(mapping.get("p"));
    }

    /** Control characters (NUL included, rejected by PostgreSQL) to spaces, then trim. */
    static String clean(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (sb == null) {
                    sb = new StringBuilder(s);
                }
                sb.setCharAt(i, ' ');
            }
        }
        return (sb == null ? s : sb.toString()).trim();
    }
}
