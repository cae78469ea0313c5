package fr.mssante.connector.sasl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code *kvpair kvsep} part of an OAUTHBEARER client response (RFC 7628 section 3.1), which XOAUTH2
 * uses as a whole: {@code key=value ^A key=value ^A ^A}, where {@code ^A} is %x01.
 */
final class KeyValuePairs {

    static final char SEPARATOR = '\u0001';
    /** key = 1*ALPHA; value = *(VCHAR / SP / HTAB / CR / LF). */
    private static final Pattern PAIR = Pattern.compile("([A-Za-z]+)=([\\x21-\\x7e \\t\\r\\n]*)");
    /** RFC 6750 section 2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=". */
    private static final Pattern BEARER = Pattern.compile("(?i:Bearer) +([A-Za-z0-9._~+/-]+=*)");

    private KeyValuePairs() {
    }

    /** The pairs in order, keys as sent; a repeated key or anything out of the grammar is malformed. */
    static Map<String, String> parse(String text, String mechanism) throws SaslException {
        if (!text.endsWith(String.valueOf(SEPARATOR))) {
            throw malformed(mechanism);
        }
        String pairs = text.substring(0, text.length() - 1);
        Map<String, String> values = new LinkedHashMap<>();
        int start = 0;
        while (start < pairs.length()) {
            int end = pairs.indexOf(SEPARATOR, start);
            if (end < 0) {
                throw malformed(mechanism);
            }
            var pair = PAIR.matcher(pairs.substring(start, end));
            if (!pair.matches() || values.putIfAbsent(pair.group(1), pair.group(2)) != null) {
                throw malformed(mechanism);
            }
            start = end + 1;
        }
        return values;
    }

    /**
     * The token of an {@code auth} value {@code Bearer <b64token>} (RFC 6750 section 2.1; the scheme is
     * case-insensitive as every HTTP authentication scheme).
     */
    static String bearerToken(Map<String, String> pairs, String mechanism) throws SaslException {
        String auth = pairs.get("auth");
        var bearer = auth == null ? null : BEARER.matcher(auth);
        if (bearer == null || !bearer.matches()) {
            throw new SaslException(mechanism + " expects auth=Bearer <token>");
        }
        return bearer.group(1);
    }

    private static SaslException malformed(String mechanism) {
        return new SaslException(mechanism + " expects key=value pairs separated by ^A and ending with ^A^A");
    }
}
