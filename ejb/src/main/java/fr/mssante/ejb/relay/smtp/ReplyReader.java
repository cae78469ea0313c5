package fr.mssante.ejb.relay.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads replies (RFC 5321 section 4.2): {@code code-text} lines continue a multi-line reply, the line
 * {@code code text} (or the bare code) ends it, every line of one reply has the same code. A malformed reply
 * is a protocol error: the connection is no longer trusted.
 */
final class ReplyReader {

    /** RFC 5321 section 4.5.3.1.5 says 512 octets; be lenient with long texts, not unbounded. */
    private static final int MAX_LINE = 4096;
    private static final int MAX_LINES = 200;

    private final InputStream in;

    ReplyReader(InputStream in) {
        this.in = in;
    }

    PeerReply read() throws IOException {
        List<String> lines = new ArrayList<>();
        int code = -1;
        while (true) {
            String line = readLine();
            if (line.length() < 3 || !isDigits(line.substring(0, 3))
                    || (line.length() > 3 && line.charAt(3) != '-' && line.charAt(3) != ' ')) {
                throw new SmtpProtocolException("malformed reply line: " + printable(line));
            }
            int lineCode = Integer.parseInt(line.substring(0, 3));
            if (lineCode < 200 || lineCode > 599 || (code != -1 && lineCode != code)) {
                throw new SmtpProtocolException("unexpected reply code in: " + printable(line));
            }
            code = lineCode;
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (lines.size() > MAX_LINES) {
                throw new SmtpProtocolException("reply longer than " + MAX_LINES + " lines");
            }
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new PeerReply(code, lines);
            }
        }
    }

    /** One line up to CRLF (a bare LF is tolerated, as most clients do), without the line ending. */
    private String readLine() throws IOException {
        byte[] buffer = new byte[MAX_LINE];
        int length = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed by the peer");
            }
            if (b == '\n') {
                if (length > 0 && buffer[length - 1] == '\r') {
                    length--;
                }
                return new String(buffer, 0, length, StandardCharsets.UTF_8);
            }
            if (length == MAX_LINE) {
                throw new SmtpProtocolException("reply line longer than " + MAX_LINE + " octets");
            }
            buffer[length++] = (byte) b;
        }
    }

    private static boolean isDigits(String s) {
        return s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static String printable(String line) {
        String cut = line.length() > 80 ? line.substring(0, 80) + "..." : line;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
