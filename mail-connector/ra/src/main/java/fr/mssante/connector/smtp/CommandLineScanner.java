package fr.mssante.connector.smtp;

import io.netty.util.ByteProcessor;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Finds the end of one command line, byte by byte so that a line may arrive in any number of reads.
 *
 * <p>Only CRLF ends a line (RFC 5321 section 2.3.8). A bare CR or a bare LF does not end it: it makes
 * the whole line, up to the real CRLF, a {@link SmtpFrame.RejectedLine}. Treating a bare LF as a line
 * end would let {@code "RSET\nMAIL FROM:<x>"} run two commands where another server sees one, which is
 * the kind of desynchronisation SMTP smuggling relies on.
 *
 * <p>At most {@code maxLineLength - 2} octets are kept; the rest of a longer line is dropped while
 * looking for its CRLF, so the connection stays usable and its memory bounded.
 */
final class CommandLineScanner implements ByteProcessor {

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    /** Strict: a malformed sequence is an error, not a U+FFFD that would then pass for a letter. */
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] line;
    private int length;
    private boolean crPending;
    private FramingViolation violation;

    /** @param maxLineLength the longest accepted line, CRLF included */
    CommandLineScanner(int maxLineLength) {
        this.line = new byte[maxLineLength - 2];
    }

    /** Consumes one byte; returns false on the LF that ends the line, which {@link #takeLine()} then returns. */
    @Override
    public boolean process(byte b) {
        if (crPending) {
            crPending = false;
            if (b == LF) {
                return false;
            }
            violate(FramingViolation.BARE_CR);
        }
        if (b == CR) {
            crPending = true;
        } else if (b == LF) {
            violate(FramingViolation.BARE_LF);
        } else if (length < line.length) {
            line[length++] = b;
        } else {
            violate(FramingViolation.LINE_TOO_LONG);
        }
        return true;
    }

    /** The line that {@link #process} just completed; the scanner is then ready for the next one. */
    SmtpFrame takeLine() {
        SmtpFrame frame = violation != null ? new SmtpFrame.RejectedLine(violation) : decode();
        length = 0;
        violation = null;
        return frame;
    }

    /** UTF-8 rather than ASCII so that an internationalised address (RFC 6531) reaches the parser intact. */
    private SmtpFrame decode() {
        try {
            return new SmtpFrame.CommandLine(utf8.decode(ByteBuffer.wrap(line, 0, length)).toString());
        } catch (CharacterCodingException e) {
            return new SmtpFrame.RejectedLine(FramingViolation.MALFORMED_UTF8);
        }
    }

    private void violate(FramingViolation v) {
        if (violation == null) {
            violation = v;
        }
    }
}
