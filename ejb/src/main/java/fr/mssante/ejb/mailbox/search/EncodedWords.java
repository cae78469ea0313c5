package fr.mssante.ejb.mailbox.search;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/**
 * Decodes RFC 2047 encoded words ({@code =?charset?Q|B?...?=}) in an unfolded header value, so a search
 * matches what the user sees rather than the transport encoding.
 */
final class EncodedWords {

    private EncodedWords() {
    }

    static String decode(String value) {
        // Fast path: no encoded word can be present without its "=?" opener (RFC 2047 section 2).
        if (value.indexOf("=?") < 0) {
            return value;
        }
        try {
            // SILENT: a malformed or unknown-charset word is left as it was rather than failing the search.
            // mime4j also drops the whitespace between adjacent encoded words (RFC 2047 section 6.2).
            return DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            return value;
        }
    }
}
