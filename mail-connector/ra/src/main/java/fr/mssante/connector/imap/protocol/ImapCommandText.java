package fr.mssante.connector.imap.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One complete client command as the frame decoder assembled it: its lines (without CRLF) and the
 * literals between them. Line {@code i} ends with the literal header of literal {@code i}; the last
 * line ends the command (RFC 3501 section 2.2.1: a command continues after each literal).
 */
public final class ImapCommandText {

    private final List<byte[]> lines;
    private final List<Literal> literals;

    public ImapCommandText(List<byte[]> lines, List<Literal> literals) {
        if (lines.size() != literals.size() + 1) {
            throw new IllegalArgumentException(lines.size() + " lines for " + literals.size() + " literals");
        }
        this.lines = List.copyOf(lines);
        this.literals = List.copyOf(literals);
    }

    /** A command without literal, for tests and synthetic input. */
    public static ImapCommandText of(String line) {
        return new ImapCommandText(List.of(line.getBytes(StandardCharsets.UTF_8)), List.of());
    }

    public List<byte[]> lines() {
        return lines;
    }

    public List<Literal> literals() {
        return literals;
    }

    /** The spooled APPEND message, if any, for the session to discard once done. */
    public List<Literal.Spooled> spooled() {
        List<Literal.Spooled> spooled = new ArrayList<>();
        for (Literal literal : literals) {
            if (literal instanceof Literal.Spooled s) {
                spooled.add(s);
            }
        }
        return spooled;
    }

    /**
     * For logs: the tag and the command name only. Arguments may hold a password (LOGIN), health data
     * (SEARCH text, APPEND) or anything else the client sent.
     */
    @Override
    public String toString() {
        String first = new String(lines.get(0), StandardCharsets.ISO_8859_1);
        String[] words = first.split(" ", 3);
        String head = words.length > 1 ? words[0] + " " + words[1] : words[0];
        return (head.length() > 40 ? head.substring(0, 40) : head).replaceAll("[^\\x20-\\x7e]", "?") + " ...";
    }
}
