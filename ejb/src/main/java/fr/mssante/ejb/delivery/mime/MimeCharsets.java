package fr.mssante.ejb.delivery.mime;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import org.apache.james.mime4j.util.CharsetUtil;

/**
 * Maps MIME charset names (RFC 2046 section 4.1.2, IANA registry) to Java charsets.
 *
 * <p>Names are looked up with mime4j's {@link CharsetUtil#lookup(String)}, then corrected the way
 * the WHATWG Encoding Standard (and so every browser and most mail clients) does: text labelled
 * ISO-8859-1 or US-ASCII is decoded as windows-1252, because Outlook-era mail labelled
 * "iso-8859-1" routinely contains windows-1252 octets such as 0x96 (en dash) or 0x92 (right
 * quote); GB2312 is decoded as its superset GBK.
 *
 * <p>{@code null} means "UTF-8, falling back to windows-1252 for octets that are not valid
 * UTF-8" (see {@link CharsetTextDecoder}): used for UTF-8, for absent or unknown charsets and for
 * raw 8-bit header octets, since today unlabelled 8-bit text is nearly always UTF-8.
 */
final class MimeCharsets {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** Overrides applied after lookup, also handed to mime4j's RFC 2047 decoder. */
    static final Map<Charset, Charset> OVERRIDES = Map.of(
            StandardCharsets.ISO_8859_1, WINDOWS_1252,
            StandardCharsets.US_ASCII, WINDOWS_1252,
            Charset.forName("GB2312"), Charset.forName("GBK"));

    private MimeCharsets() {
    }

    /**
     * @param mimeName declared charset, may be null
     * @return the charset to decode with, or null for lenient UTF-8
     */
    static Charset forText(String mimeName) {
        if (mimeName == null || mimeName.isBlank()) {
            return null;
        }
        String n = mimeName.trim().toLowerCase(Locale.ROOT);
        if (n.equals("utf-8") || n.equals("utf8") || n.equals("us-ascii") || n.equals("ascii")) {
            // us-ascii text with 8-bit octets is mislabelled; lenient UTF-8 recovers both cases.
            return null;
        }
        Charset cs;
        try {
            cs = CharsetUtil.lookup(n);
        } catch (RuntimeException e) {
            cs = null;
        }
        if (cs == null || cs.equals(StandardCharsets.UTF_8)) {
            return null;
        }
        return OVERRIDES.getOrDefault(cs, cs);
    }
}
