package fr.mssante.connector.imap.request;

import fr.mssante.connector.imap.protocol.ImapReader;
import fr.mssante.connector.imap.protocol.ImapSyntaxException;
import fr.mssante.connector.imap.protocol.SequenceSet;
import fr.mssante.connector.imap.request.FetchAttribute.BodySection;
import fr.mssante.connector.imap.request.FetchAttribute.Kind;
import fr.mssante.connector.imap.request.FetchAttribute.SectionText;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * FETCH arguments (RFC 3501 section 6.4.5 and the {@code fetch-att} / {@code section} rules of section
 * 9) with the modifiers of RFC 7162 ({@code CHANGEDSINCE}, {@code VANISHED}).
 */
final class FetchParser {

    private static final List<Kind> FAST = List.of(Kind.FLAGS, Kind.INTERNALDATE, Kind.RFC822_SIZE);
    private static final List<Kind> ALL = List.of(Kind.FLAGS, Kind.INTERNALDATE, Kind.RFC822_SIZE, Kind.ENVELOPE);
    private static final List<Kind> FULL =
            List.of(Kind.FLAGS, Kind.INTERNALDATE, Kind.RFC822_SIZE, Kind.ENVELOPE, Kind.BODY);

    private FetchParser() {
    }

    /** After "FETCH SP". */
    static ImapRequest.Fetch parse(String tag, boolean uid, ImapReader reader) throws ImapSyntaxException {
        SequenceSet set = reader.sequenceSet();
        reader.sp();
        List<FetchAttribute> attributes = new ArrayList<>();
        if (reader.consume('(')) {
            do {
                attributes.add(attribute(reader));
            } while (reader.more());
            reader.expect(')');
        } else {
            String word = peekName(reader);
            List<Kind> macro = switch (word) {
                case "ALL" -> ALL;
                case "FAST" -> FAST;
                case "FULL" -> FULL;
                default -> null;
            };
            if (macro != null) {
                name(reader);
                macro.forEach(kind -> attributes.add(new FetchAttribute.Simple(kind)));
            } else {
                attributes.add(attribute(reader));
            }
        }
        long changedSince = -1;
        boolean vanished = false;
        if (reader.more()) {
            reader.expect('(');
            do {
                String modifier = reader.atom().toUpperCase(Locale.ROOT);
                if (modifier.equals("CHANGEDSINCE")) {
                    reader.sp();
                    changedSince = reader.number();
                } else if (modifier.equals("VANISHED") && uid) {
                    vanished = true;
                } else {
                    throw new ImapSyntaxException("Unknown FETCH modifier " + modifier);
                }
            } while (reader.more());
            reader.expect(')');
        }
        reader.end();
        if (vanished && changedSince < 0) {
            // RFC 7162 section 3.2.6: VANISHED requires CHANGEDSINCE.
            throw new ImapSyntaxException("VANISHED requires CHANGEDSINCE");
        }
        if (uid && attributes.stream().noneMatch(a -> a instanceof FetchAttribute.Simple s && s.kind() == Kind.UID)) {
            // RFC 3501 section 6.4.8: UID FETCH always returns the UID.
            attributes.add(0, new FetchAttribute.Simple(Kind.UID));
        }
        return new ImapRequest.Fetch(tag, uid, set, attributes, changedSince, vanished);
    }

    private static FetchAttribute attribute(ImapReader reader) throws ImapSyntaxException {
        String name = name(reader);
        switch (name) {
            case "FLAGS":
                return simple(Kind.FLAGS);
            case "INTERNALDATE":
                return simple(Kind.INTERNALDATE);
            case "RFC822.SIZE":
                return simple(Kind.RFC822_SIZE);
            case "ENVELOPE":
                return simple(Kind.ENVELOPE);
            case "BODYSTRUCTURE":
                return simple(Kind.BODYSTRUCTURE);
            case "UID":
                return simple(Kind.UID);
            case "MODSEQ":
                return simple(Kind.MODSEQ);
            case "RFC822":
                return simple(Kind.RFC822);
            case "RFC822.HEADER":
                return simple(Kind.RFC822_HEADER);
            case "RFC822.TEXT":
                return simple(Kind.RFC822_TEXT);
            case "BODY":
                return reader.peek() == '[' ? new FetchAttribute.Section(section(reader), false) : simple(Kind.BODY);
            case "BODY.PEEK":
                return new FetchAttribute.Section(section(reader), true);
            case "BINARY", "BINARY.PEEK", "BINARY.SIZE":
                return binary(reader, name);
            default:
                throw new ImapSyntaxException("Unknown FETCH attribute " + name);
        }
    }

    private static FetchAttribute simple(Kind kind) {
        return new FetchAttribute.Simple(kind);
    }

    /** Letters, digits and dots: the attribute name up to "[", a space or ")". */
    private static String name(ImapReader reader) throws ImapSyntaxException {
        StringBuilder name = new StringBuilder();
        for (int c = reader.peek(); isNameChar(c); c = reader.peek()) {
            name.append((char) c);
            reader.consume((char) c);
        }
        if (name.length() == 0) {
            throw new ImapSyntaxException("Missing FETCH attribute");
        }
        return name.toString().toUpperCase(Locale.ROOT);
    }

    /** The next name, without consuming it (macros and attributes start alike). */
    private static String peekName(ImapReader reader) {
        ImapReader.Mark mark = reader.mark();
        try {
            return name(reader);
        } catch (ImapSyntaxException e) {
            return "";
        } finally {
            reader.reset(mark);
        }
    }

    private static boolean isNameChar(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.';
    }

    /** {@code "[" [section-spec] "]" ["<" number "." nz-number ">"]}. */
    private static BodySection section(ImapReader reader) throws ImapSyntaxException {
        reader.expect('[');
        StringBuilder part = new StringBuilder();
        SectionText text = SectionText.ALL;
        List<String> fields = List.of();
        while (reader.peek() >= '0' && reader.peek() <= '9') {
            if (part.length() > 0) {
                part.append('.');
            }
            part.append(reader.nzNumber());
            if (!reader.consume('.')) {
                break;
            }
            if (reader.peek() == ']') {
                throw new ImapSyntaxException("Invalid section " + part + ".");
            }
        }
        if (reader.peek() != ']') {
            String spec = name(reader);
            switch (spec) {
                case "HEADER" -> text = SectionText.HEADER;
                case "TEXT" -> text = SectionText.TEXT;
                case "MIME" -> {
                    if (part.length() == 0) {
                        throw new ImapSyntaxException("MIME needs a part number");
                    }
                    text = SectionText.MIME;
                }
                case "HEADER.FIELDS", "HEADER.FIELDS.NOT" -> {
                    text = spec.endsWith(".NOT") ? SectionText.HEADER_FIELDS_NOT : SectionText.HEADER_FIELDS;
                    reader.sp();
                    fields = headerList(reader);
                }
                default -> throw new ImapSyntaxException("Invalid section " + spec);
            }
        }
        reader.expect(']');
        long offset = -1;
        long length = 0;
        if (reader.consume('<')) {
            offset = reader.number();
            reader.expect('.');
            length = reader.nzNumber();
            reader.expect('>');
        }
        return new BodySection(part.toString(), text, fields, offset, length);
    }

    /**
     * RFC 3516 section 4.2: {@code ("BINARY" / "BINARY.PEEK") section-binary [partial]} and
     * {@code "BINARY.SIZE" section-binary}, where {@code section-binary = "[" [section-part] "]"}: part
     * numbers only, no HEADER, TEXT or MIME.
     */
    private static FetchAttribute binary(ImapReader reader, String name) throws ImapSyntaxException {
        reader.expect('[');
        StringBuilder part = new StringBuilder();
        if (reader.peek() != ']') {
            do {
                if (part.length() > 0) {
                    part.append('.');
                }
                part.append(reader.nzNumber());
            } while (reader.consume('.'));
        }
        reader.expect(']');
        boolean size = name.equals("BINARY.SIZE");
        long offset = -1;
        long length = 0;
        if (!size && reader.consume('<')) {
            offset = reader.number();
            reader.expect('.');
            length = reader.nzNumber();
            reader.expect('>');
        }
        return new FetchAttribute.Binary(part.toString(), offset, length, name.equals("BINARY.PEEK"), size);
    }

    /** {@code header-list = "(" header-fld-name *(SP header-fld-name) ")"}. */
    private static List<String> headerList(ImapReader reader) throws ImapSyntaxException {
        reader.expect('(');
        List<String> fields = new ArrayList<>();
        do {
            fields.add(new String(reader.astring(), StandardCharsets.US_ASCII));
        } while (reader.more());
        reader.expect(')');
        return fields;
    }
}
