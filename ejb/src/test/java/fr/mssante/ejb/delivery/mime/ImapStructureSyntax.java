package fr.mssante.ejb.delivery.mime;

/**
 * Minimal IMAP syntax check for tests: parentheses balance outside quoted strings and literals,
 * quoted strings hold no CR, LF or 8-bit octet, literal lengths are right.
 */
final class ImapStructureSyntax {

    private ImapStructureSyntax() {
    }

    static boolean isValid(String s) {
        int depth = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c >= 0x100) {
                return false; // not an octet string
            }
            if (c == '"') {
                i++;
                while (i < s.length() && s.charAt(i) != '"') {
                    char q = s.charAt(i);
                    if (q == '\r' || q == '\n' || q >= 0x80) {
                        return false;
                    }
                    i += q == '\\' ? 2 : 1;
                }
                if (i >= s.length()) {
                    return false;
                }
                i++;
            } else if (c == '{') {
                int close = s.indexOf('}', i);
                int n = Integer.parseInt(s.substring(i + 1, close));
                if (!s.startsWith("\r\n", close + 1)) {
                    return false;
                }
                i = close + 3 + n;
                if (i > s.length()) {
                    return false;
                }
            } else {
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                    if (depth < 0) {
                        return false;
                    }
                } else if (c == '\r' || c == '\n' || c >= 0x80) {
                    return false;
                }
                i++;
            }
        }
        return depth == 0;
    }
}
