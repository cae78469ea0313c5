package fr.mssante.ejb.delivery.mime;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Octets to text, tolerant of bad input. With a known charset the JDK decodes and undecodable octets
 * become U+FFFD. In lenient UTF-8 mode (charset null, see {@link MimeCharsets}) each octet sequence that
 * is not valid UTF-8 is read as windows-1252 instead, so a message mixing UTF-8 and Latin-1 (typical of
 * forwarded or badly labelled mail, and of raw 8-bit headers) still reads correctly: neither the JDK nor
 * mime4j nor Angus offers this per-sequence fallback, hence this one small decoder.
 */
final class CharsetTextDecoder {

    private CharsetTextDecoder() {
    }

    /** @param charset the part's charset, or null for lenient UTF-8 */
    static String decode(byte[] octets, int length, Charset charset) {
        return charset == null ? lenientUtf8(octets, length) : new String(octets, 0, length, charset);
    }

    /** Decodes a complete octet string (e.g. a header value) in lenient UTF-8 mode. */
    static String lenientUtf8(byte[] octets) {
        return lenientUtf8(octets, octets.length);
    }

    private static String lenientUtf8(byte[] octets, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(octets, 0, length);
        CharBuffer out = CharBuffer.allocate(length);
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                for (int i = 0; i < r.length(); i++) {
                    out.put(cp1252(in.get() & 0xff));
                }
            } else {
                break; // underflow: all consumed (a truncated sequence at the end is an error above)
            }
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static char cp1252(int octet) {
        if (octet < 0x80 || octet >= 0xa0) {
            return (char) octet;
        }
        String s = new String(new byte[] {(byte) octet}, MimeCharsets.WINDOWS_1252);
        return s.charAt(0) == '\ufffd' ? (char) octet : s.charAt(0);
    }
}
