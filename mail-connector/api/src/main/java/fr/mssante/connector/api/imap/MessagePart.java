package fr.mssante.connector.api.imap;

/**
 * Where a MIME part lies in the raw message, for BODY[section] without re-parsing
 * (RFC 3501 6.4.5 section numbers; the top level of a non-multipart message is section "1").
 *
 * @param headerOffset      start of the part's MIME header ({@code section.MIME})
 * @param bodyOffset        start of the part's body ({@code section})
 * @param endOffset         end of the part's body
 * @param messageBodyOffset for message/rfc822 parts, start of the encapsulated message's body
 *                          ({@code section.HEADER} is [bodyOffset, messageBodyOffset)); -1 otherwise
 */
public record MessagePart(String section, String contentType, long headerOffset, long bodyOffset,
                          long endOffset, long messageBodyOffset) {
}
