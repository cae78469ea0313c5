package fr.mssante.connector.api.mail;

/** RFC 5322 section 3.2.2 comments in structured header values. */
public final class HeaderComments {

    private HeaderComments() {
    }

    /**
     * The value without its parenthesised comments (nested ones included); an unmatched ")" is
     * kept as text, an unclosed "(" drops the rest of the value.
     */
    public static String strip(String v) {
        if (v.indexOf('(') < 0) {
            return v;
        }
        StringBuilder sb = new StringBuilder(v.length());
        int depth = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
