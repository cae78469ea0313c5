package fr.mssante.connector.imap.session;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Header byte utilities for BODY[...HEADER.FIELDS (NOT)] (RFC 3501 6.4.5): field selection is done here,
 * on the raw header octets, so that the store only has to provide the message.
 */
final class HeaderFieldFilter {

    private HeaderFieldFilter() {
    }

    /**
     * The fields of {@code [start, end)} whose name is (or, with {@code not}, is not) in {@code names},
     * continuation lines included, in their original order, followed by the blank line that ends a
     * header (RFC 3501: "the subset ... includes the blank line").
     */
    static byte[] filter(byte[] message, int start, int end, List<String> names, boolean not) {
        Set<String> wanted = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean keep = false;
        int line = start;
        while (line < end) {
            int next = lineEnd(message, line, end);
            int contentEnd = next;
            while (contentEnd > line && (message[contentEnd - 1] == '\n' || message[contentEnd - 1] == '\r')) {
                contentEnd--;
            }
            if (contentEnd == line) {
                break;
            }
            boolean continuation = message[line] == ' ' || message[line] == '\t';
            if (!continuation) {
                String name = fieldName(message, line, contentEnd);
                keep = name != null && wanted.contains(name) != not;
            }
            if (keep) {
                out.write(message, line, next - line);
            }
            line = next;
        }
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }

    /** Index after the LF ending the line that starts at {@code from}, or {@code end}. */
    private static int lineEnd(byte[] message, int from, int end) {
        for (int i = from; i < end; i++) {
            if (message[i] == '\n') {
                return i + 1;
            }
        }
        return end;
    }

    private static String fieldName(byte[] message, int from, int to) {
        for (int i = from; i < to; i++) {
            if (message[i] == ':') {
                return new String(message, from, i - from, StandardCharsets.ISO_8859_1)
                        .trim().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** Size of the header starting at {@code start}, its blank line included; the whole rest if none. */
    static int headerLength(byte[] message, int start, int end) {
        int line = start;
        while (line < end) {
            int next = lineEnd(message, line, end);
            boolean blank = next - line <= 2 && (message[line] == '\n' || (message[line] == '\r' && next - line == 2));
            if (blank) {
                return next - start;
            }
            line = next;
        }
        return end - start;
    }
}
