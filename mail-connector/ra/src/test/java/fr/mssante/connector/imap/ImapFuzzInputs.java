package fr.mssante.connector.imap;

import fr.mssante.connector.fuzz.FuzzRandom;
import fr.mssante.connector.imap.protocol.ImapCommandText;
import fr.mssante.connector.imap.protocol.Literal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generators of hostile IMAP input for the fuzz tests. Most commands are assembled from the grammar's
 * pieces (RFC 3501 section 9 and the extensions the server announces: command names, sequence sets,
 * fetch attributes and sections, search keys, flags, quoted strings, modified UTF-7, list wildcards,
 * literals) so that the argument parsers are reached; the rest is arbitrary text.
 */
final class ImapFuzzInputs {

    static final int MAX_LINE = 10_000;

    private static final List<String> COMMANDS = List.of(
            "CAPABILITY", "NOOP", "LOGOUT", "CHECK", "CLOSE", "EXPUNGE", "UNSELECT", "NAMESPACE", "STARTTLS",
            "LOGIN", "SELECT", "EXAMINE", "CREATE", "DELETE", "SUBSCRIBE", "UNSUBSCRIBE", "RENAME", "LIST", "LSUB",
            "STATUS", "APPEND", "ENABLE", "ID", "GETQUOTA", "GETQUOTAROOT", "SETQUOTA", "SEARCH", "FETCH", "STORE",
            "COPY", "MOVE", "SORT", "THREAD", "UID", "UID FETCH", "UID SEARCH", "UID STORE", "UID COPY", "UID MOVE",
            "UID EXPUNGE", "UID SORT", "uid fetch", "select", "XYZZY", "ESEARCH", "GETMETADATA");

    private static final List<String> ARGUMENTS = List.of(
            " ", " ", " ", "  ", "INBOX", "inbox", "Drafts", "Sent", "Trash", "Archives/2024", "\"\"", "\"INBOX\"",
            "\"a b\"", "\"\\\"\"", "\"\\\\\"", "\"\\x\"", "\"", "\\", "&", "&-", "&Jjo-", "&AOk-", "&AAA-", "&ZeVnLIqe-",
            "&U,BTFw-", "&2D3cAA-", "~peter", "%", "*", "%/%", "/", ".", "..", "(", ")", "((", "))", "[", "]", "<", ">",
            "{", "}", "{0}", "{5}", "{4294967296}", "{-1}", "{1+}", "NIL", "nil", "0", "1", "2", "4294967295", "4294967296",
            "99999999999999999999", "-1", "1:*", "*:1", "1,2,3:5", "1:", ":", ",", "$", "1:4294967295",
            "ALL", "FAST", "FULL", "UID", "FLAGS", "INTERNALDATE", "RFC822", "RFC822.SIZE", "RFC822.HEADER", "RFC822.TEXT",
            "ENVELOPE", "BODY", "BODYSTRUCTURE", "BODY[]", "BODY.PEEK[]", "BODY[HEADER]", "BODY[TEXT]", "BODY[1]",
            "BODY[1.2.MIME]", "BODY[0]", "BODY[1.0]", "BODY[HEADER.FIELDS (FROM TO)]", "BODY[HEADER.FIELDS.NOT ()]",
            "BODY[]<0.10>", "BODY[]<4294967296.1>", "BODY[]<5>", "BINARY[1]", "BINARY.SIZE[1]", "BINARY.PEEK[]<0.5>",
            "BINARY[1.MIME]", "BINARY.SIZE[]<1.2>", "UTF8", "UTF8 (", "~{3}", "~{0+}", "~", "MODSEQ", "X-GM-MSGID",
            "+FLAGS", "-FLAGS", "FLAGS.SILENT", "+FLAGS.SILENT", "(\\Seen)", "(\\Seen \\Deleted $Junk)", "\\Recent",
            "\\Answered", "\\Flagged", "\\Draft", "\\*", "$Forwarded", "(\\)", "(\\Noselect)",
            "CHARSET", "UTF-8", "ISO-8859-1", "X-UNKNOWN", "NOT", "OR", "AND", "FROM", "TO", "CC", "BCC", "SUBJECT",
            "TEXT", "HEADER", "KEYWORD", "UNKEYWORD", "LARGER", "SMALLER", "BEFORE", "ON", "SINCE", "SENTBEFORE",
            "SENTON", "SENTSINCE", "1-Jan-2020", "31-Feb-2020", "1-Foo-2020", "01-Jan-99999", "\"1-Jan-2020 10:00:00 +0100\"",
            "NEW", "OLD", "RECENT", "SEEN", "UNSEEN", "DELETED", "RETURN", "(MIN MAX COUNT ALL)", "(CHILDREN SUBSCRIBED)",
            "(SUBSCRIBED RECURSIVEMATCH)", "(REMOTE)", "SPECIAL-USE", "STATUS (MESSAGES UIDNEXT)", "(MESSAGES UNSEEN)",
            "(REVERSE DATE)", "(ARRIVAL CC FROM SIZE SUBJECT TO)", "REFERENCES", "ORDEREDSUBJECT", "(\"name\" \"x\")",
            "(STORAGE 512)", "\"\"", "CONDSTORE", "UTF8=ACCEPT", "QRESYNC",
            "dr.durand@hopital-demo.mssante.fr", "secret", "alice", "\u00e9", "\u4e2d", "\u0000", "\u007f", "\u00ff");

    private ImapFuzzInputs() {
    }

    /** The arguments of one command line: grammar pieces (5 in 6) or arbitrary text, never a literal header at the end. */
    static String arguments(FuzzRandom random) {
        return withoutLineEnd(random.oneIn(5, 6) ? random.tokens(ARGUMENTS, 16) : random.text(200));
    }

    /** A command name (a known one 8 times in 9) and its arguments, without the tag. */
    static String command(FuzzRandom random) {
        String name = random.oneIn(8, 9) ? random.pick(COMMANDS) : random.text('!', '~', 0, 12);
        String arguments = arguments(random);
        return name + (arguments.isEmpty() ? "" : " " + arguments);
    }

    /**
     * One command of the stream, tagged {@code tag}, whose last word may not change how the following
     * octets are read. IDLE, AUTHENTICATE and COMPRESS make the next line (or the whole stream) something
     * else than a command, so a line with one of them would get no answer of its own by design; a literal
     * header at the end would swallow the following lines as its octets.
     */
    static String tagged(String tag, String command) {
        String name = command.split(" ", 2)[0].toUpperCase(Locale.ROOT);
        String safe = name.equals("IDLE") || name.equals("AUTHENTICATE") || name.equals("COMPRESS") ? "X" + command : command;
        return tag + " " + safe;
    }

    /**
     * A command with literals (RFC 3501 section 4.3, RFC 7888): {@code lines.get(i)} ends with the header
     * of {@code literals.get(i)}, synchronising or not.
     */
    record LiteralCommand(List<String> lines, List<byte[]> literals) {

        /** As the decoder hands it to the parser. */
        ImapCommandText text() {
            return new ImapCommandText(lines.stream().map(l -> l.getBytes(StandardCharsets.UTF_8)).toList(),
                    literals.stream().<Literal>map(Literal.Bytes::new).toList());
        }

        /** As a client sends it, without waiting for continuation requests. */
        byte[] octets() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < lines.size(); i++) {
                out.writeBytes(lines.get(i).getBytes(StandardCharsets.UTF_8));
                out.writeBytes(CRLF);
                if (i < literals.size()) {
                    out.writeBytes(literals.get(i));
                }
            }
            return out.toByteArray();
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private static final List<String> LITERAL_COMMANDS = List.of("LOGIN", "APPEND INBOX", "APPEND INBOX (\\Seen)",
            "SEARCH CHARSET UTF-8 TEXT", "SEARCH SUBJECT", "CREATE", "SELECT", "RENAME", "LIST", "STATUS", "ID (\"name\"",
            "SETQUOTA", "FETCH 1", "APPEND INBOX UTF8 (", "APPEND INBOX (\\Seen) UTF8 (");

    /**
     * A tagged command with one to three literals, each at most 300 octets (random octets 3 times in 5,
     * else argument text), synchronising or not, a literal8 ({@code ~{n}}, RFC 3516) one time in 4.
     */
    static LiteralCommand commandWithLiterals(FuzzRandom random, String tag) {
        List<String> lines = new ArrayList<>();
        List<byte[]> literals = new ArrayList<>();
        String line = tag + " " + random.pick(LITERAL_COMMANDS);
        for (int n = random.between(1, 3); n > 0; n--) {
            String before = random.tokens(ARGUMENTS, 4);
            byte[] literal = random.oneIn(3, 5) ? random.bytes(300) : arguments(random).getBytes(StandardCharsets.UTF_8);
            String opening = random.oneIn(1, 4) ? "~{" : "{";
            lines.add(line + " " + before + opening + literal.length + (random.nextBoolean() ? "" : "+") + "}");
            literals.add(literal);
            line = "";
        }
        lines.add(arguments(random));
        return new LiteralCommand(lines, literals);
    }

    /** No CR, LF or trailing literal header: a line the decoder hands up as one command. */
    private static String withoutLineEnd(String text) {
        String line = text.replace('\r', ' ').replace('\n', ' ');
        return line.endsWith("}") ? line + " " : line;
    }
}
