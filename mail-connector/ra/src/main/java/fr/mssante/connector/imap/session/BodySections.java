package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.imap.MessageData;
import fr.mssante.connector.api.imap.MessagePart;
import fr.mssante.connector.imap.request.FetchAttribute.BodySection;
import fr.mssante.connector.imap.request.FetchAttribute.SectionText;
import fr.mssante.connector.imap.response.ImapResponse.FetchValue;

/**
 * BODY[section]&lt;partial&gt; (RFC 3501 6.4.5): slices of the raw message, located with the part table
 * that the store computed once ({@link MessagePart} offsets), so that nothing is parsed again here.
 *
 * <p>Top level: {@code []} the whole message, {@code HEADER} up to the blank line included,
 * {@code TEXT} after it. A part {@code n}: its body; {@code n.MIME}: its MIME header; {@code n.HEADER}
 * and {@code n.TEXT} only for message/rfc822 parts (the encapsulated message's header and body). A part
 * that does not exist gives NIL.
 */
final class BodySections {

    private BodySections() {
    }

    static FetchValue.Body read(BodySection section, MessageData data) {
        byte[] content = data.content();
        if (content == null) {
            return new FetchValue.Body(null, 0, 0);
        }
        int[] range = range(section, data);
        if (range == null) {
            return new FetchValue.Body(null, 0, 0);
        }
        if (section.text() == SectionText.HEADER_FIELDS || section.text() == SectionText.HEADER_FIELDS_NOT) {
            byte[] fields = HeaderFieldFilter.filter(content, range[0], range[1], section.fields(),
                    section.text() == SectionText.HEADER_FIELDS_NOT);
            return partial(section, fields, 0, fields.length);
        }
        return partial(section, content, range[0], range[1]);
    }

    /** [start, end) of the section in the message, before HEADER.FIELDS filtering; null if absent. */
    private static int[] range(BodySection section, MessageData data) {
        byte[] content = data.content();
        int length = content.length;
        if (section.part().isEmpty()) {
            int header = headerSize(data);
            return switch (section.text()) {
                case ALL -> new int[] {0, length};
                case HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT -> new int[] {0, header};
                case TEXT -> new int[] {header, length};
                case MIME -> null;
            };
        }
        MessagePart part = part(data, section.part());
        if (part == null) {
            if (section.part().equals("1") && section.text() == SectionText.ALL
                    && (data.parts() == null || data.parts().isEmpty())) {
                // No part table: taken as a message that is not multipart, whose part "1" is its body.
                return new int[] {headerSize(data), length};
            }
            return null;
        }
        int headerStart = clamp(part.headerOffset(), length);
        int bodyStart = clamp(part.bodyOffset(), length);
        int end = clamp(part.endOffset(), length);
        if (section.text() == SectionText.ALL) {
            return new int[] {bodyStart, end};
        }
        if (section.text() == SectionText.MIME) {
            return new int[] {headerStart, bodyStart};
        }
        if (part.messageBodyOffset() < 0) {
            return null;
        }
        int innerBody = clamp(part.messageBodyOffset(), length);
        return section.text() == SectionText.TEXT ? new int[] {innerBody, end} : new int[] {bodyStart, innerBody};
    }

    private static MessagePart part(MessageData data, String section) {
        if (data.parts() != null) {
            for (MessagePart part : data.parts()) {
                if (part.section().equals(section)) {
                    return part;
                }
            }
        }
        return null;
    }

    /** The top-level header size: the store's, or found in the content when it gave none. */
    static int headerSize(MessageData data) {
        byte[] content = data.content();
        if (data.headerSize() > 0 && data.headerSize() <= content.length) {
            return (int) data.headerSize();
        }
        return HeaderFieldFilter.headerLength(content, 0, content.length);
    }

    private static int clamp(long offset, int length) {
        return (int) Math.max(0, Math.min(offset, length));
    }

    /** {@code <origin.count>}: an origin beyond the end gives the empty string (RFC 3501 6.4.5). */
    private static FetchValue.Body partial(BodySection section, byte[] data, int start, int end) {
        if (section.offset() < 0) {
            return new FetchValue.Body(data, start, end - start);
        }
        long from = Math.min(end, start + section.offset());
        long to = Math.min(end, from + section.length());
        return new FetchValue.Body(data, (int) from, (int) (to - from));
    }
}
