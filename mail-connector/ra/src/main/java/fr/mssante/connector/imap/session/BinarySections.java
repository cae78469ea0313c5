package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.imap.DecodedSection;
import fr.mssante.connector.api.imap.MessageData;
import fr.mssante.connector.imap.request.FetchAttribute;
import fr.mssante.connector.imap.response.ImapResponse.FetchValue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * FETCH {@code BINARY[part]<partial>} and {@code BINARY.SIZE[part]} (RFC 3516 section 4.1) over the
 * sections the store decoded ({@link MessageData#decoded()}); the engine decodes nothing itself.
 *
 * <p>A part that does not exist gives NIL, like BODY[part], and a BINARY.SIZE of 0. A part whose
 * Content-Transfer-Encoding the store does not know fails the whole command with
 * {@code NO [UNKNOWN-CTE]} ("it MUST fail the request"): that message's FETCH response is not sent.
 */
final class BinarySections {

    private BinarySections() {
    }

    /** The sections a FETCH asks the store to decode. */
    static Set<String> asked(List<FetchAttribute> attributes) {
        Set<String> sections = new LinkedHashSet<>();
        for (FetchAttribute attribute : attributes) {
            if (attribute instanceof FetchAttribute.Binary binary) {
                sections.add(binary.part());
            }
        }
        return sections;
    }

    /** The first encoding of this message's asked sections that the store could not decode, or null. */
    static String unknownEncoding(List<FetchAttribute> attributes, MessageData data) {
        for (FetchAttribute attribute : attributes) {
            if (attribute instanceof FetchAttribute.Binary binary) {
                DecodedSection section = data.decoded().get(binary.part());
                if (section != null && section.unknownEncoding() != null) {
                    return section.unknownEncoding();
                }
            }
        }
        return null;
    }

    static FetchValue read(FetchAttribute.Binary binary, MessageData data) {
        DecodedSection section = data.decoded().get(binary.part());
        byte[] content = section == null ? null : section.content();
        if (binary.size()) {
            return new FetchValue.Atom(Long.toString(content == null ? 0 : content.length));
        }
        if (content == null) {
            return new FetchValue.Decoded(null, 0, 0);
        }
        if (binary.offset() < 0) {
            return new FetchValue.Decoded(content, 0, content.length);
        }
        // <origin.count> applies to the decoded octets; an origin beyond the end gives "" (RFC 3516 4.1).
        long from = Math.min(content.length, binary.offset());
        long to = Math.min(content.length, from + binary.length());
        return new FetchValue.Decoded(content, (int) from, (int) (to - from));
    }
}
