package fr.mssante.connector.api.imap;

/**
 * One section of a message with its Content-Transfer-Encoding undone, for FETCH {@code BINARY[section]}
 * and {@code BINARY.SIZE[section]} (RFC 3516 section 4.1). The store decodes, since it knows the parts'
 * header fields; the protocol engine only slices and frames the result.
 *
 * @param content         the decoded octets (may contain NUL); null when the section does not exist or
 *                        its encoding is unknown
 * @param unknownEncoding the part's Content-Transfer-Encoding when the store cannot decode it (the
 *                        engine answers {@code NO [UNKNOWN-CTE]}), else null
 */
public record DecodedSection(byte[] content, String unknownEncoding) {

    /** A section number that names no part of the message. */
    public static DecodedSection missing() {
        return new DecodedSection(null, null);
    }

    public static DecodedSection of(byte[] content) {
        return new DecodedSection(content, null);
    }

    public static DecodedSection unknown(String encoding) {
        return new DecodedSection(null, encoding);
    }

    /** The size only: a section may be health data. */
    @Override
    public String toString() {
        return content != null ? "{" + content.length + "}" : unknownEncoding != null ? "UNKNOWN-CTE " + unknownEncoding : "missing";
    }
}
