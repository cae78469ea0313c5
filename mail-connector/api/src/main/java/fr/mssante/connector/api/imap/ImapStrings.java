package fr.mssante.connector.api.imap;

/**
 * Writes IMAP strings (RFC 3501 section 4.3, formal syntax section 9: {@code nstring},
 * {@code quoted}, {@code literal}).
 *
 * <p>Input and output are octet strings (one char per byte), so the literal length {@code {n}} is simply
 * the number of chars and the result can be written to the IMAP connection with ISO-8859-1. Used where
 * IMAP values are precomputed as text: the store's ENVELOPE and BODYSTRUCTURE at delivery, and the
 * engine's downgraded ENVELOPE (RFC 6855 section 5).
 *
 * <p>Choice between quoted and literal, as Dovecot 2.3 does: a quoted string may hold any 7-bit
 * TEXT-CHAR with {@code "} and {@code \} escaped, so it is used unless the value contains CR, LF,
 * NUL or 8-bit octets, which only a literal can carry.
 */
public final class ImapStrings {

    private ImapStrings() {
    }

    /** Appends {@code NIL} for null, else the string. */
    public static void appendNString(StringBuilder out, String octets) {
        if (octets == null) {
            out.append("NIL");
        } else {
            appendString(out, octets);
        }
    }

    /**
     * Appends the value with CR and LF removed first (Dovecot {@code imap_append_nstring_nolf}),
     * used for header-derived texts which must not keep folding line breaks.
     */
    public static void appendNStringNoLf(StringBuilder out, String octets) {
        if (octets == null) {
            out.append("NIL");
            return;
        }
        if (octets.indexOf('\r') >= 0 || octets.indexOf('\n') >= 0) {
            octets = octets.replace("\r", "").replace("\n", "");
        }
        appendString(out, octets);
    }

    public static void appendString(StringBuilder out, String octets) {
        if (needsLiteral(octets)) {
            out.append('{').append(octets.length()).append("}\r\n").append(octets);
            return;
        }
        out.append('"');
        for (int i = 0; i < octets.length(); i++) {
            char c = octets.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    private static boolean needsLiteral(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || c >= 0x80) {
                return true;
            }
        }
        return false;
    }

    public static String nstring(String octets) {
        StringBuilder sb = new StringBuilder();
        appendNString(sb, octets);
        return sb.toString();
    }
}
