package fr.mssante.connector.sasl;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** UTF-8 as the SASL mechanisms require it (RFC 4422 section 3.4): invalid sequences are malformed, not replaced. */
final class SaslText {

    private SaslText() {
    }

    static String utf8(byte[] message, int from, int to, String mechanism) throws SaslException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(message, from, to - from))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SaslException(mechanism + " message is not valid UTF-8");
        }
    }

    static String utf8(byte[] message, String mechanism) throws SaslException {
        return utf8(message, 0, message.length, mechanism);
    }
}
