package fr.mssante.ejb.delivery.mime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;

/**
 * Parses "value; name=value; ..." structured MIME header values (Content-Type, RFC 2045
 * section 5.1; Content-Disposition, RFC 2183) into the leading value and its parameters.
 *
 * <p>Tokenising is delegated to mime4j's lenient {@link RawFieldParser}: it keeps parameter
 * names as written (BODYSTRUCTURE shows them as the sender wrote them, like Dovecot), unquotes
 * quoted strings, drops comments, and accepts the usual garbage (unquoted values containing
 * {@code =} or spaces, as in {@code boundary=----=_Part_1}). Values stay octet strings.
 *
 * <p>On top of that, RFC 2231 section 3 continuations ({@code title*0=}, {@code title*1=}) are
 * merged into one parameter, as Dovecot's rfc2231_parse does: when the first segment is
 * extended ({@code title*0*=}) the merged name ends with {@code *} and the value stays in its
 * {@code charset'language'percent-encoded} form, which is what IMAP clients expect to decode.
 */
final class MimeParams {

    /** One MIME parameter, name and value as octet strings. */
    record Param(String name, String value) {
    }

    /** Leading value (e.g. "text/plain") and parameters of a structured header. */
    record Parsed(String value, List<Param> params) {
    }

    private MimeParams() {
    }

    static Parsed parse(String unfoldedOctets) {
        RawBody body = RawFieldParser.DEFAULT.parseRawBody(new RawField("X", unfoldedOctets));
        List<Param> raw = new ArrayList<>();
        for (NameValuePair p : body.getParams()) {
            if (p.getName() != null && !p.getName().isEmpty() && p.getValue() != null) {
                raw.add(new Param(p.getName(), p.getValue()));
            }
        }
        String value = body.getValue() == null ? "" : body.getValue().trim();
        return new Parsed(value, mergeContinuations(raw));
    }

    /** First parameter with that name (case-insensitive, RFC 2045 section 5.1), or null. */
    static String get(List<Param> params, String name) {
        for (Param p : params) {
            if (p.name().equalsIgnoreCase(name)) {
                return p.value();
            }
        }
        return null;
    }

    private static List<Param> mergeContinuations(List<Param> raw) {
        // base name (lower case) -> segment number -> segment; only for "name*N" / "name*N*".
        Map<String, TreeMap<Integer, Param>> sections = new LinkedHashMap<>();
        for (Param p : raw) {
            Segment seg = Segment.of(p.name());
            if (seg != null) {
                sections.computeIfAbsent(seg.base.toLowerCase(Locale.ROOT), k -> new TreeMap<>())
                        .putIfAbsent(seg.number, p);
            }
        }
        if (sections.isEmpty()) {
            return List.copyOf(raw);
        }
        List<Param> out = new ArrayList<>();
        for (Param p : raw) {
            Segment seg = Segment.of(p.name());
            if (seg == null) {
                out.add(p);
                continue;
            }
            TreeMap<Integer, Param> parts = sections.remove(seg.base.toLowerCase(Locale.ROOT));
            if (parts == null) {
                continue; // already merged at the position of its first segment
            }
            StringBuilder value = new StringBuilder();
            boolean extended = false;
            int expected = 0;
            for (Map.Entry<Integer, Param> e : parts.entrySet()) {
                if (e.getKey() != expected) {
                    break; // RFC 2231: segments must be consecutive from 0; keep what is usable
                }
                Segment s = Segment.of(e.getValue().name());
                if (expected == 0) {
                    extended = s.extended;
                }
                value.append(e.getValue().value());
                expected++;
            }
            if (expected == 0) {
                continue; // no "*0" segment: meaningless, dropped
            }
            out.add(new Param(seg.base + (extended ? "*" : ""), value.toString()));
        }
        return List.copyOf(out);
    }

    /** A parsed "base*N" or "base*N*" parameter name. */
    private record Segment(String base, int number, boolean extended) {

        static Segment of(String name) {
            int star = name.indexOf('*');
            if (star <= 0) {
                return null;
            }
            String rest = name.substring(star + 1);
            boolean ext = rest.endsWith("*");
            String digits = ext ? rest.substring(0, rest.length() - 1) : rest;
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
                return null;
            }
            return new Segment(name.substring(0, star), Integer.parseInt(digits), ext);
        }
    }
}
