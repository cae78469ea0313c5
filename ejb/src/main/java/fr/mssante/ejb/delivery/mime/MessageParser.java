package fr.mssante.ejb.delivery.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Parses a raw RFC 5322 message once, at delivery, into a {@link ParsedMessage} stored beside the
 * raw octets, so that IMAP FETCH (ENVELOPE, BODYSTRUCTURE, BODY[section], RFC822.SIZE) and SEARCH
 * are answered without re-reading or re-parsing the message.
 *
 * <p>Stateless and thread-safe: every call works on its own objects. The message is streamed:
 * memory is one 64 KiB read buffer, the retained header fields, the capped search text and the
 * encoded body of the text part being read (at most {@link PartTextDecoder#MAX_ENCODED_OCTETS}, for
 * mime4j's transfer decoders), never a copy of the message, whatever its size.
 *
 * <p>Never fails on bad MIME; it degrades the way Dovecot does (invalid Content-Type read as
 * text/plain, missing boundary as a single part, truncated multiparts as what was seen, see
 * {@link MimeScanner} and {@link ContentInfo}). Only an I/O error of the stream is thrown.
 * Header fields are only read: the stored raw message is the sole source of truth.
 */
@ApplicationScoped
public class MessageParser {

    /** Default cap of {@link ParsedMessage#textForSearch()}: 1 MiB chars. */
    public static final int DEFAULT_SEARCH_TEXT_LIMIT = 1024 * 1024;

    private final int searchTextLimit;

    public MessageParser() {
        this(DEFAULT_SEARCH_TEXT_LIMIT);
    }

    /** @param searchTextLimit maximum chars of search text kept per message (0 disables it) */
    public MessageParser(int searchTextLimit) {
        if (searchTextLimit < 0) {
            throw new IllegalArgumentException("searchTextLimit < 0");
        }
        this.searchTextLimit = searchTextLimit;
    }

    /**
     * Parses the message read from {@code raw} up to end of stream. The stream is not closed.
     *
     * @throws IOException only when reading the stream fails
     */
    public ParsedMessage parse(InputStream raw) throws IOException {
        Objects.requireNonNull(raw, "raw");
        SearchTextBuffer text = new SearchTextBuffer(searchTextLimit);
        PartNode root = MimeScanner.scan(raw, new SearchTextExtractor(text));
        ListingFields listing = ListingFields.of(root.headers);
        return new ParsedMessage(
                root.end,
                root.bodyStart,
                root.bodyStart,
                listing.subject(),
                listing.from(),
                listing.sentDate(),
                listing.messageId(),
                listing.inReplyTo(),
                listing.references(),
                EnvelopeWriter.write(root.headers),
                BodyStructureWriter.bodyStructure(root),
                BodyStructureWriter.body(root),
                PartTableBuilder.build(root),
                text.toString(),
                PartTableBuilder.hasAttachments(root),
                SortKeyFields.of(root.headers, listing));
    }

    /** Parses a message already in memory. */
    public ParsedMessage parse(byte[] raw) {
        try {
            return parse(new ByteArrayInputStream(raw));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen with a byte array
        }
    }
}
