package fr.mssante.connector.imap.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Reads the tokens of one command (RFC 3501 section 9 formal syntax) from an {@link ImapCommandText},
 * crossing from a line to its literal and on to the next line as the grammar asks.
 *
 * <p>The character classes are those of the RFC: {@code ATOM-CHAR} is any CHAR except the
 * atom-specials {@code ( ) { SP CTL % * " \ ]}; {@code ASTRING-CHAR} adds {@code ]}; a tag is made of
 * ASTRING-CHARs except {@code +}. 8-bit octets are valid only in quoted strings and literals.
 */
public final class ImapReader {

    private static final List<String> SYSTEM_FLAGS =
            List.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft", "\\Recent");

    private final ImapCommandText text;
    private final MailboxNames.Encoding names;
    private int line;
    private int position;

    /** A reader of mailbox names in modified UTF-7, RFC 3501's encoding. */
    public ImapReader(ImapCommandText text) {
        this(text, MailboxNames.Encoding.MODIFIED_UTF7);
    }

    /** @param names how the session writes mailbox names (UTF-8 after ENABLE UTF8=ACCEPT, RFC 6855) */
    public ImapReader(ImapCommandText text, MailboxNames.Encoding names) {
        this.text = text;
        this.names = names;
    }

    /** A position to come back to, for the few rules that need to look ahead. */
    public record Mark(int line, int position) {
    }

    public Mark mark() {
        return new Mark(line, position);
    }

    public void reset(Mark mark) {
        line = mark.line();
        position = mark.position();
    }

    private byte[] current() {
        return text.lines().get(line);
    }

    /** The next octet of the current line, or -1 at its end (a literal is never peeked into). */
    public int peek() {
        byte[] bytes = current();
        return position < bytes.length ? bytes[position] & 0xff : -1;
    }

    private int next() throws ImapSyntaxException {
        int c = peek();
        if (c < 0) {
            throw new ImapSyntaxException("Missing argument");
        }
        position++;
        return c;
    }

    /** At the end of the command. */
    public boolean atEnd() {
        return line == text.lines().size() - 1 && position >= current().length;
    }

    /** Requires the end of the command: no trailing garbage. */
    public void end() throws ImapSyntaxException {
        if (!atEnd()) {
            throw new ImapSyntaxException("Unexpected extra arguments");
        }
    }

    public boolean consume(char c) {
        if (peek() == c) {
            position++;
            return true;
        }
        return false;
    }

    public void expect(char c) throws ImapSyntaxException {
        if (!consume(c)) {
            throw new ImapSyntaxException(peek() < 0 ? "Missing '" + c + "'" : "Expected '" + c + "'");
        }
    }

    /** Exactly one space between arguments. */
    public void sp() throws ImapSyntaxException {
        if (peek() < 0) {
            throw new ImapSyntaxException("Missing argument");
        }
        expect(' ');
    }

    /** Whether another argument follows: consumes the space that separates it. */
    public boolean more() {
        return consume(' ');
    }

    public static boolean isAtomChar(int c) {
        return c > 0x20 && c < 0x7f && c != '(' && c != ')' && c != '{' && c != '%' && c != '*' && c != '"'
                && c != '\\' && c != ']';
    }

    private static boolean isAstringChar(int c) {
        return isAtomChar(c) || c == ']';
    }

    private static boolean isListChar(int c) {
        return isAstringChar(c) || c == '%' || c == '*';
    }

    public String tag() throws ImapSyntaxException {
        int start = position;
        while (isAstringChar(peek()) && peek() != '+') {
            position++;
        }
        if (position == start) {
            throw new ImapSyntaxException("Missing or invalid tag");
        }
        return ascii(start);
    }

    /** 1*ATOM-CHAR, as written. */
    public String atom() throws ImapSyntaxException {
        return run(ImapReader::isAtomChar, "atom");
    }

    private String run(IntPredicate accepted, String what) throws ImapSyntaxException {
        int start = position;
        while (accepted.test(peek())) {
            position++;
        }
        if (position == start) {
            throw new ImapSyntaxException(peek() < 0 ? "Missing argument" : "Invalid character in " + what);
        }
        return ascii(start);
    }

    private String ascii(int start) {
        return new String(current(), start, position - start, StandardCharsets.US_ASCII);
    }

    /**
     * A run of characters up to the next space, parenthesis or end of line, for arguments whose own
     * syntax is checked by the caller (sequence sets, numbers, fetch attributes).
     */
    public String word() throws ImapSyntaxException {
        return run(c -> c > 0x20 && c < 0x7f && c != '(' && c != ')', "argument");
    }

    /** {@code astring}: 1*ASTRING-CHAR / string. */
    public byte[] astring() throws ImapSyntaxException {
        int c = peek();
        if (c == '"' || c == '{') {
            return string();
        }
        return run(ImapReader::isAstringChar, "astring").getBytes(StandardCharsets.US_ASCII);
    }

    public String astringUtf8() throws ImapSyntaxException {
        return new String(astring(), StandardCharsets.UTF_8);
    }

    /** {@code nstring} as used by ID: NIL or a string; null for NIL. */
    public byte[] nstring() throws ImapSyntaxException {
        if (peek() == 'N' || peek() == 'n') {
            String nil = atom();
            if (!nil.equalsIgnoreCase("NIL")) {
                throw new ImapSyntaxException("Expected NIL or a string");
            }
            return null;
        }
        return string();
    }

    /** {@code string}: quoted / literal. */
    public byte[] string() throws ImapSyntaxException {
        int c = peek();
        if (c == '"') {
            return quoted();
        }
        if (c == '{') {
            Literal literal = literal();
            if (literal instanceof Literal.Bytes bytes) {
                return bytes.data();
            }
            throw new ImapSyntaxException("Message literal where a string was expected");
        }
        throw new ImapSyntaxException(c < 0 ? "Missing argument" : "Expected a string");
    }

    private byte[] quoted() throws ImapSyntaxException {
        expect('"');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int c = peek();
            if (c < 0) {
                throw new ImapSyntaxException("Unterminated quoted string");
            }
            position++;
            if (c == '"') {
                return out.toByteArray();
            }
            if (c == 0) {
                // RFC 3501 section 9: QUOTED-CHAR is TEXT-CHAR, which never includes NUL.
                throw new ImapSyntaxException("NUL octet in a quoted string");
            }
            if (c == '\\') {
                c = next();
                if (c != '"' && c != '\\') {
                    throw new ImapSyntaxException("Invalid escape in quoted string");
                }
            }
            out.write(c);
        }
    }

    /**
     * The literal whose header {@code {n}} or {@code {n+}} ends the current line; reading continues on
     * the next line.
     */
    public Literal literal() throws ImapSyntaxException {
        expect('{');
        int start = position;
        byte[] bytes = current();
        int close = start;
        while (close < bytes.length && bytes[close] != '}') {
            close++;
        }
        if (close != bytes.length - 1 || line >= text.literals().size()) {
            throw new ImapSyntaxException("A literal header must end the line");
        }
        line++;
        position = 0;
        return text.literals().get(line - 1);
    }

    /**
     * {@code literal8 = "~{" number ["+"] "}" CRLF *OCTET} (RFC 3516 section 4.2, RFC 4466): the only
     * token whose octets may include NUL (the frame decoder refused NUL in any other literal).
     */
    public Literal literal8() throws ImapSyntaxException {
        expect('~');
        if (peek() != '{') {
            throw new ImapSyntaxException("Expected a literal8");
        }
        return literal();
    }

    public long number() throws ImapSyntaxException {
        String digits = run(c -> c >= '0' && c <= '9', "number");
        if (digits.length() > 19) {
            throw new ImapSyntaxException("Number too large");
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new ImapSyntaxException("Number too large");
        }
    }

    public long nzNumber() throws ImapSyntaxException {
        long n = number();
        if (n == 0) {
            throw new ImapSyntaxException("Zero where a non-zero number is required");
        }
        return n;
    }

    /** A mailbox name, decoded to the listener's form. */
    public String mailbox() throws ImapSyntaxException {
        return MailboxNames.decode(astring(), names);
    }

    /** {@code list-mailbox}: 1*list-char / string; wildcards kept, decoded like a mailbox name. */
    public String listMailbox() throws ImapSyntaxException {
        int c = peek();
        byte[] raw = c == '"' || c == '{' ? string()
                : run(ImapReader::isListChar, "mailbox pattern").getBytes(StandardCharsets.US_ASCII);
        return MailboxNames.decode(raw, names);
    }

    public SequenceSet sequenceSet() throws ImapSyntaxException {
        return SequenceSet.parse(run(c -> (c >= '0' && c <= '9') || c == ':' || c == ',' || c == '*', "sequence set"));
    }

    /**
     * {@code flag}: a system flag, in its canonical case ("\seen" is "\Seen", flags being
     * case-insensitive), or a keyword atom as written.
     */
    public String flag() throws ImapSyntaxException {
        if (consume('\\')) {
            String name = "\\" + atom();
            for (String system : SYSTEM_FLAGS) {
                if (system.equalsIgnoreCase(name)) {
                    return system;
                }
            }
            return name;
        }
        return atom();
    }

    /** {@code flag-list}: "(" [flag *(SP flag)] ")". */
    public List<String> flagList() throws ImapSyntaxException {
        expect('(');
        List<String> flags = new ArrayList<>();
        if (!consume(')')) {
            do {
                flags.add(flag());
            } while (consume(' '));
            expect(')');
        }
        return flags;
    }

    /** A parenthesised list of atoms, e.g. STATUS items or ENABLE-like options. */
    public List<String> atomList() throws ImapSyntaxException {
        expect('(');
        List<String> atoms = new ArrayList<>();
        if (!consume(')')) {
            do {
                atoms.add(atom());
            } while (consume(' '));
            expect(')');
        }
        return atoms;
    }

    /** {@code date-time} in its double quotes. */
    public OffsetDateTime dateTime() throws ImapSyntaxException {
        if (peek() != '"') {
            throw new ImapSyntaxException("Expected a quoted date-time");
        }
        return ImapDates.parseDateTime(new String(quoted(), StandardCharsets.US_ASCII));
    }

    /** SEARCH {@code date}: date-text, optionally quoted. */
    public LocalDate date() throws ImapSyntaxException {
        String value = peek() == '"' ? new String(quoted(), StandardCharsets.US_ASCII) : atom();
        return ImapDates.parseDate(value);
    }
}
