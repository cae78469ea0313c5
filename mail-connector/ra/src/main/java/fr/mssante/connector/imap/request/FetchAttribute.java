package fr.mssante.connector.imap.request;

import java.util.List;

/** One FETCH data item (RFC 3501 section 6.4.5), macros already expanded. */
public sealed interface FetchAttribute {

    enum Kind {
        FLAGS, INTERNALDATE, RFC822_SIZE, ENVELOPE, BODY, BODYSTRUCTURE, UID, MODSEQ,
        /** Same octets as BODY[], named RFC822, sets \Seen. */
        RFC822,
        /** BODY.PEEK[HEADER] named RFC822.HEADER. */
        RFC822_HEADER,
        /** BODY[TEXT] named RFC822.TEXT, sets \Seen. */
        RFC822_TEXT
    }

    record Simple(Kind kind) implements FetchAttribute {
    }

    /** BODY[section]&lt;partial&gt; or BODY.PEEK[...]. */
    record Section(BodySection section, boolean peek) implements FetchAttribute {
    }

    /**
     * {@code BINARY[part]<partial>}, {@code BINARY.PEEK[...]} or {@code BINARY.SIZE[part]} (RFC 3516
     * section 4.1): the part decoded from its Content-Transfer-Encoding.
     *
     * @param part   "" for the whole message, else the part number ("1", "2.3")
     * @param offset partial origin, -1 when no partial was given (never for SIZE)
     * @param length partial length
     * @param size   BINARY.SIZE: the decoded size only
     */
    record Binary(String part, long offset, long length, boolean peek, boolean size) implements FetchAttribute {

        /** The response name: the origin only for a partial fetch (RFC 3516 section 4.2). */
        public String responseName() {
            if (size) {
                return "BINARY.SIZE[" + part + "]";
            }
            return "BINARY[" + part + "]" + (offset >= 0 ? "<" + offset + ">" : "");
        }
    }

    /** The section-spec of BODY[...]. */
    enum SectionText { ALL, HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT, TEXT, MIME }

    /**
     * @param part    "" for the whole message, else the part number ("1", "2.3")
     * @param fields  field names for HEADER.FIELDS (NOT), as the client wrote them
     * @param offset  partial origin, -1 when no partial was given
     * @param length  partial length
     */
    record BodySection(String part, SectionText text, List<String> fields, long offset, long length) {

        public BodySection {
            fields = List.copyOf(fields);
        }

        /** The section-spec as it appears between the brackets of the response. */
        public String spec() {
            String textSpec = switch (text) {
                case ALL -> "";
                case HEADER -> "HEADER";
                case HEADER_FIELDS -> "HEADER.FIELDS (" + String.join(" ", fields) + ")";
                case HEADER_FIELDS_NOT -> "HEADER.FIELDS.NOT (" + String.join(" ", fields) + ")";
                case TEXT -> "TEXT";
                case MIME -> "MIME";
            };
            if (part.isEmpty()) {
                return textSpec;
            }
            return textSpec.isEmpty() ? part : part + "." + textSpec;
        }
    }
}
