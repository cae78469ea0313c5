package fr.mssante.ejb.delivery.mime;

/**
 * Lexical tokens of RFC 5322 section 3.2 (CFWS, atoms, dot-atoms, quoted strings, domain
 * literals, phrases) over an unfolded octet string.
 *
 * <p>Return convention copied from Dovecot's rfc822-parser so that the address grammar on top
 * of it degrades the same way on broken input: {@code 1} = token read and more input follows,
 * {@code 0} = token read and end of input reached, {@code -1} = syntax error.
 *
 * <p>Octets 0x80-0xFF count as {@code atext} (RFC 6532 section 3.2, and what real mailers send
 * unencoded anyway), so 8-bit display names survive.
 */
final class Rfc822Lexer {

    private final String s;
    private int pos;
    private final StringBuilder lastComment = new StringBuilder();

    Rfc822Lexer(String octets) {
        this.s = octets;
    }

    int position() {
        return pos;
    }

    void reset(int position) {
        pos = position;
    }

    boolean atEnd() {
        return pos >= s.length();
    }

    /** Current char, or 0 at end of input (never a valid token char). */
    char peek() {
        return pos < s.length() ? s.charAt(pos) : 0;
    }

    void skip() {
        pos++;
    }

    /** Text of the last comment skipped (RFC 5322 section 3.2.2), used as name by addr-spec. */
    String lastComment() {
        return lastComment.toString();
    }

    void clearLastComment() {
        lastComment.setLength(0);
    }

    static boolean isAtext(char c) {
        if (c >= 0x80) {
            return c <= 0xff;
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        return "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0 && c != 0;
    }

    /**
     * Skips folding white space and comments.
     *
     * @return 1 if input remains, 0 at end, -1 on an unterminated comment
     */
    int skipCfws() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                pos++;
            } else if (c == '(') {
                if (!skipComment()) {
                    return -1;
                }
            } else {
                return 1;
            }
        }
        return 0;
    }

    private boolean skipComment() {
        lastComment.setLength(0);
        int depth = 0;
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '\\' && pos < s.length()) {
                lastComment.append(s.charAt(pos++));
            } else if (c == '(') {
                if (depth > 0) {
                    lastComment.append(c);
                }
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return true;
                }
                lastComment.append(c);
            } else {
                lastComment.append(c);
            }
        }
        return false;
    }

    /** atom = [CFWS] 1*atext [CFWS]. */
    int atom(StringBuilder out) {
        int start = pos;
        while (pos < s.length() && isAtext(s.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            return -1;
        }
        out.append(s, start, pos);
        return skipCfws();
    }

    /** dot-atom / obs-local-part style: atom *("." atom), CFWS allowed around dots. */
    int dotAtom(StringBuilder out) {
        int ret = atom(out);
        while (ret > 0 && peek() == '.') {
            out.append('.');
            pos++;
            ret = skipCfws();
            if (ret <= 0) {
                return ret;
            }
            ret = atom(out);
        }
        return ret;
    }

    /** quoted-string: content is unescaped (quoted-pair, RFC 5322 section 3.2.4), quotes dropped. */
    int quotedString(StringBuilder out) {
        pos++; // opening quote
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return skipCfws();
            }
            if (c == '\\' && pos < s.length()) {
                c = s.charAt(pos++);
            }
            if (c != '\r' && c != '\n') {
                out.append(c);
            }
        }
        return -1;
    }

    /** domain = dot-atom / domain-literal (kept with its brackets) / obs-domain. */
    int domain(StringBuilder out) {
        if (peek() != '[') {
            return dotAtom(out);
        }
        int start = pos;
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '\\' && pos < s.length()) {
                pos++;
            } else if (c == ']') {
                out.append(s, start, pos);
                return skipCfws();
            }
        }
        return -1;
    }

    /**
     * phrase = 1*word / obs-phrase (RFC 5322 section 3.2.5 and 4.1): words are joined with one
     * space, quoted strings unquoted, dots allowed after the first word ("John Q. Public").
     * Encoded words (RFC 2047) are left as they are.
     */
    int phrase(StringBuilder out) {
        if (atEnd()) {
            return 0;
        }
        if (peek() == '.') {
            return -1;
        }
        while (true) {
            int ret;
            if (peek() == '"') {
                ret = quotedString(out);
            } else {
                ret = atomOrDots(out);
            }
            if (ret <= 0) {
                return ret;
            }
            char c = peek();
            if (!isAtext(c) && c != '"' && c != '.') {
                return 1;
            }
            out.append(' ');
        }
    }

    private int atomOrDots(StringBuilder out) {
        int start = pos;
        while (pos < s.length() && (isAtext(s.charAt(pos)) || s.charAt(pos) == '.')) {
            pos++;
        }
        if (pos == start) {
            return -1;
        }
        out.append(s, start, pos);
        return skipCfws();
    }
}
