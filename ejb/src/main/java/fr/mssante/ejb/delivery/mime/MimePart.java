package fr.mssante.ejb.delivery.mime;

import java.util.Objects;

/**
 * One addressable part of a stored message, for serving {@code BODY[section]} by slicing the raw
 * message (RFC 3501 section 6.4.5 FETCH BODY[&lt;section&gt;]).
 *
 * <p>Offsets are absolute octet positions in the raw message:
 * <ul>
 * <li>{@code BODY[s.MIME]} = {@code [headerOffset, bodyOffset)}, the part's MIME header with its
 *     terminating empty line (for the body of a non-multipart message, e.g. section "1" of a
 *     single-part message, that is the message header, as Dovecot serves it);</li>
 * <li>{@code BODY[s]} = {@code [bodyOffset, endOffset)}, the still-encoded body;</li>
 * <li>for message/rfc822 parts, {@code BODY[s.HEADER]} = {@code [bodyOffset, messageBodyOffset)}
 *     and {@code BODY[s.TEXT]} = {@code [messageBodyOffset, endOffset)}; {@code messageBodyOffset}
 *     is -1 for other parts.</li>
 * </ul>
 * Multipart parts are listed too ({@code BODY[2]} of a nested multipart is its whole body,
 * boundaries included). Sections follow RFC 3501: "1", "1.2", "2.1.3"; the parts of an
 * encapsulated message are numbered under the message/rfc822 part's section.
 *
 * @param section           IMAP part specifier, e.g. "1.2"
 * @param contentType       lower-case "type/subtype" actually used (defaults applied)
 * @param charset           lower-case charset parameter, or null
 * @param transferEncoding  lower-case Content-Transfer-Encoding, "7bit" when absent or invalid
 * @param disposition       lower-case Content-Disposition type, or null
 * @param fileName          decoded file name (RFC 2231 / RFC 2047), or null
 * @param contentId         Content-ID as sent, e.g. "&lt;logo@x&gt;", or null
 * @param headerOffset      start of the part's MIME header
 * @param bodyOffset        start of the body (just after the header's empty line)
 * @param endOffset         end of the body (exclusive; the line break before a boundary excluded)
 * @param lines             number of lines (LF octets) in the body
 * @param messageBodyOffset for message/rfc822: start of the encapsulated message's body; else -1
 */
public record MimePart(
        String section,
        String contentType,
        String charset,
        String transferEncoding,
        String disposition,
        String fileName,
        String contentId,
        long headerOffset,
        long bodyOffset,
        long endOffset,
        long lines,
        long messageBodyOffset) {

    public MimePart {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(transferEncoding, "transferEncoding");
    }

    public long headerSize() {
        return bodyOffset - headerOffset;
    }

    public long bodySize() {
        return endOffset - bodyOffset;
    }

    public boolean isMultipart() {
        return contentType.startsWith("multipart/");
    }

    /** An encapsulated message (message/rfc822 or message/global) with HEADER and TEXT. */
    public boolean isMessage() {
        return messageBodyOffset >= 0;
    }
}
