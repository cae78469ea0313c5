package fr.mssante.connector.imap.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one IMAP value of a precomputed response (ENVELOPE, RFC 3501 section 7.4.2) held one char per
 * octet: NIL is null, quoted strings and literals are Strings (their octets, one char each), atoms are
 * Strings, parenthesised lists are Lists. Malformed text throws {@link IllegalArgumentException} or
 * {@link IndexOutOfBoundsException}.
 */
public final class ImapValueReader {

    private final String text;
    private int position;

    private ImapValueReader(String text) {
        this.text = text;
    }

    public static Object read(String text) {
        return new ImapValueReader(text).value();
    }

    private Object value() {
        skipSpaces();
        char c = text.charAt(position);
        if (c == '(') {
            position++;
            List<Object> list = new ArrayList<>();
            skipSpaces();
            while (text.charAt(position) != ')') {
                list.add(value());
                skipSpaces();
            }
            position++;
            return list;
        }
        if (c == '"') {
            return quoted();
        }
        if (c == '{') {
            int close = text.indexOf('}', position);
            int length = Integer.parseInt(text.substring(position + 1, close));
            int start = close + 3;
            position = start + length;
            return text.substring(start, start + length);
        }
        int start = position;
        while (position < text.length() && " ()".indexOf(text.charAt(position)) < 0) {
            position++;
        }
        String atom = text.substring(start, position);
        return atom.equalsIgnoreCase("NIL") ? null : atom;
    }

    private String quoted() {
        StringBuilder out = new StringBuilder();
        position++;
        while (true) {
            char c = text.charAt(position++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                c = text.charAt(position++);
            }
            out.append(c);
        }
    }

    private void skipSpaces() {
        while (position < text.length() && text.charAt(position) == ' ') {
            position++;
        }
    }
}
