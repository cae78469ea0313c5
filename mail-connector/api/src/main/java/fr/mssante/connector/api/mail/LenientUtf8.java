package fr.mssante.connector.api.mail;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Octets that should be UTF-8, read tolerantly: each octet sequence that is not valid UTF-8 is read as
 * windows-1252 instead of becoming U+FFFD. Mail mixes UTF-8 and Latin-1 (forwarded or badly labelled
 * messages, raw 8-bit headers), and so do clients: Angus Mail, once UTF8=ACCEPT is enabled, sends search
 * strings as one octet per character (ISO-8859-1). Neither the JDK nor mime4j nor Angus offers this
 * per-sequence fallback, hence this one small decoder, used by the MIME scanner and by IMAP SEARCH.
 */
public final class LenientUtf8 {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private LenientUtf8() {
    }

    public static String decode(byte[] octets) {
        return decode(octets, octets.length);
    }

    /** The first {@code length} octets. */
    public static String decode(byte[] octets, int length) {
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
        String s = new String(new byte[] {(byte) octet}, WINDOWS_1252);
        return s.charAt(0) == '\ufffd' ? (char) octet : s.charAt(0);
    }
}
