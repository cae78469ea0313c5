package fr.mssante.ejb.delivery.mime;

import fr.mssante.connector.api.mail.LenientUtf8;

import java.nio.charset.Charset;

/**
 * Octets to text, tolerant of bad input. With a known charset the JDK decodes and undecodable octets
 * become U+FFFD. In lenient UTF-8 mode (charset null, see {@link MimeCharsets}) each octet sequence that
 * is not valid UTF-8 is read as windows-1252 instead ({@link LenientUtf8}), so a message mixing UTF-8 and
 * Latin-1 (typical of forwarded or badly labelled mail, and of raw 8-bit headers) still reads correctly.
 */
final class CharsetTextDecoder {

    private CharsetTextDecoder() {
    }

    /** @param charset the part's charset, or null for lenient UTF-8 */
    static String decode(byte[] octets, int length, Charset charset) {
        return charset == null ? LenientUtf8.decode(octets, length) : new String(octets, 0, length, charset);
    }
}
