package fr.mssante.ejb.mailbox.imap;

import fr.mssante.connector.api.imap.DecodedSection;
import fr.mssante.ejb.delivery.mime.MimePart;
import fr.mssante.ejb.delivery.mime.ParsedMessage;
import fr.mssante.ejb.delivery.mime.TransferDecoding;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sections a FETCH BINARY asks for (RFC 3516 section 4.1), from the raw message and the part table
 * stored at delivery: a leaf part's body with its Content-Transfer-Encoding undone
 * ({@link TransferDecoding}); a multipart or message part, and the whole message ({@code BINARY[]}),
 * as they are, since composite types admit only the identity encodings (RFC 2045 section 6.4).
 */
final class DecodedSections {

    private DecodedSections() {
    }

    static Map<String, DecodedSection> of(byte[] raw, ParsedMessage parsed, Set<String> sections) {
        Map<String, DecodedSection> decoded = new HashMap<>();
        for (String section : sections) {
            decoded.put(section, section.isEmpty() ? DecodedSection.of(raw) : part(raw, parsed.part(section)));
        }
        return decoded;
    }

    private static DecodedSection part(byte[] raw, Optional<MimePart> found) {
        if (found.isEmpty()) {
            return DecodedSection.missing();
        }
        MimePart part = found.get();
        int from = clamp(part.bodyOffset(), raw.length);
        int to = Math.max(from, clamp(part.endOffset(), raw.length));
        String encoding = part.isMultipart() || part.isMessage() ? "binary" : part.transferEncoding();
        if (!TransferDecoding.isKnown(encoding)) {
            return DecodedSection.unknown(encoding);
        }
        return DecodedSection.of(TransferDecoding.decode(encoding, raw, from, to));
    }

    private static int clamp(long offset, int length) {
        return (int) Math.max(0, Math.min(offset, length));
    }
}
