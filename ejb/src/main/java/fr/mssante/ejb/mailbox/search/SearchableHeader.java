package fr.mssante.ejb.mailbox.search;

import fr.mssante.ejb.delivery.mime.HeaderText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fields of one raw header block, unfolded, RFC 2047-decoded and normalised for matching.
 *
 * <p>Parsing follows RFC 5322 2.2: a field is "name:value" where the name is printable US-ASCII without
 * space or colon; a line starting with WSP continues the previous field (2.2.3). Lines that are neither
 * (an mbox "From " line, garbage) are skipped rather than failing the whole message. The block ends at the
 * first empty line, in case a caller passes more than the header.
 */
final class SearchableHeader {

    /** One field: lower-cased name and normalised, decoded value. */
    record Field(String name, String value) {
    }

    private static final SearchableHeader EMPTY = new SearchableHeader(List.of());

    private final List<Field> fields;
    private String searchableText;

    private SearchableHeader(List<Field> fields) {
        this.fields = fields;
    }

    static SearchableHeader parse(String headerText) {
        if (headerText == null || headerText.isEmpty()) {
            return EMPTY;
        }
        List<Field> fields = new ArrayList<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        int length = headerText.length();
        int pos = 0;
        while (pos < length) {
            int end = lineEnd(headerText, pos);
            if (end == pos) {
                break; // empty line: end of the header block (RFC 5322 2.1)
            }
            char first = headerText.charAt(pos);
            if (first == ' ' || first == '\t') {
                if (name != null) {
                    // Unfolding removes only the line break; the WSP that starts the line stays (2.2.3).
                    value.append(headerText, pos, end);
                }
            } else {
                if (name != null) {
                    fields.add(field(name, value));
                }
                name = null;
                int colon = headerText.indexOf(':', pos);
                if (colon >= 0 && colon < end) {
                    String candidate = stripTrailingWsp(headerText.substring(pos, colon));
                    if (isFieldName(candidate)) {
                        name = candidate;
                        value.setLength(0);
                        value.append(headerText, colon + 1, end);
                    }
                }
            }
            pos = nextLine(headerText, end);
        }
        if (name != null) {
            fields.add(field(name, value));
        }
        return new SearchableHeader(List.copyOf(fields));
    }

    /**
     * Whether a field named {@code lowerName} has a value containing {@code needle}. An empty needle
     * matches any message that has the field (RFC 3501 6.4.4, HEADER).
     */
    boolean anyValueContains(String lowerName, String needle) {
        for (Field field : fields) {
            if (field.name.equals(lowerName) && field.value.contains(needle)) {
                return true;
            }
        }
        return false;
    }

    /** The (decoded, normalised) value of the first field named {@code lowerName}, or {@code null}. */
    String first(String lowerName) {
        for (Field field : fields) {
            if (field.name.equals(lowerName)) {
                return field.value;
            }
        }
        return null;
    }

    /** The whole decoded header as "name: value" lines, for TEXT (RFC 3501 6.4.4: "header or body"). */
    String searchableText() {
        if (searchableText == null) {
            StringBuilder text = new StringBuilder();
            for (Field field : fields) {
                text.append(field.name).append(": ").append(field.value).append('\n');
            }
            searchableText = text.toString();
        }
        return searchableText;
    }

    List<Field> fields() {
        return fields;
    }

    private static Field field(String name, CharSequence rawValue) {
        String decoded = HeaderText.decodeEncodedWords(rawValue.toString());
        return new Field(name.toLowerCase(Locale.ROOT), TextNormalizer.normalize(decoded.strip()));
    }

    /** Index of the CR or LF ending the line that starts at {@code pos}, or the text length. */
    private static int lineEnd(String text, int pos) {
        int i = pos;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
            i++;
        }
        return i;
    }

    /** Start of the next line; accepts CRLF, LF and a lone CR. */
    private static int nextLine(String text, int end) {
        if (end < text.length() && text.charAt(end) == '\r') {
            end++;
        }
        if (end < text.length() && text.charAt(end) == '\n') {
            end++;
        }
        return end;
    }

    /** RFC 5322 4.5.x (obs-optional) allows WSP between the name and the colon. */
    private static String stripTrailingWsp(String name) {
        int end = name.length();
        while (end > 0 && (name.charAt(end - 1) == ' ' || name.charAt(end - 1) == '\t')) {
            end--;
        }
        return name.substring(0, end);
    }

    /** ftext: printable US-ASCII 33..126 except ':' (RFC 5322 2.2). */
    private static boolean isFieldName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 33 || c > 126) {
                return false;
            }
        }
        return true;
    }
}
