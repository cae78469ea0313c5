package fr.mssante.ejb.relay.smtp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What the stored bytes of a message demand of the SMTP transaction that relays them; the relay keeps the body
 * byte-identical (ADR 0018), so a peer that cannot take it as it is gets nothing rather than a conversion.
 *
 * @param eightBit   an octet above 127: BODY=8BITMIME (RFC 6152)
 * @param binary     a bare CR or LF, or a line longer than 998 octets before its CRLF (RFC 5321 section 4.5.3.1.6):
 *                   not transmissible by DATA, which would end or alter the lines; BODY=BINARYMIME by BDAT (RFC 3030
 *                   section 3). Such content only comes from a BDAT transaction declared BINARYMIME: DATA refuses it
 *                   at intake (ADR 0005).
 * @param utf8Header the header section holds non-ASCII octets that are valid UTF-8: a header in RFC 6532 form,
 *                   which makes the message internationalised and needs SMTPUTF8 (RFC 6531 section 3.2). Non-ASCII
 *                   octets that are not UTF-8 are a legacy 8-bit header, sent as before with 8BITMIME.
 */
public record ContentTraits(boolean eightBit, boolean binary, boolean utf8Header) {

    private static final int MAX_LINE = 998;

    /** Reads {@code content} once. */
    public static ContentTraits of(byte[] content) {
        boolean eightBit = false;
        boolean binary = false;
        int lineLength = 0;
        int headerEnd = content.length;
        for (int i = 0; i < content.length; i++) {
            byte b = content[i];
            if (b < 0) {
                eightBit = true;
            }
            if (b == '\r' && i + 1 < content.length && content[i + 1] == '\n') {
                if (lineLength == 0 && headerEnd == content.length) {
                    headerEnd = i; // the empty line that ends the header section (RFC 5322 section 2.1)
                }
                lineLength = 0;
                i++;
            } else if (b == '\r' || b == '\n') {
                binary = true;
                lineLength++;
            } else if (++lineLength > MAX_LINE) {
                binary = true;
            }
        }
        return new ContentTraits(eightBit, binary, eightBit && isUtf8NonAscii(content, headerEnd));
    }

    private static boolean isUtf8NonAscii(byte[] content, int length) {
        boolean nonAscii = false;
        for (int i = 0; i < length && !nonAscii; i++) {
            nonAscii = content[i] < 0;
        }
        if (!nonAscii) {
            return false;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content, 0, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
