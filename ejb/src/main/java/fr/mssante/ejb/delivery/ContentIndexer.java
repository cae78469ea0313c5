package fr.mssante.ejb.delivery;

import fr.mssante.ejb.delivery.mime.MessageParser;
import fr.mssante.connector.api.imap.SortKeys;
import fr.mssante.ejb.delivery.mime.ParsedMessage;
import fr.mssante.ejb.mailbox.BlobStore;
import fr.mssante.ejb.mailbox.MessageContent;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Parses a stored message once and keeps what IMAP and the listings need next to the blob, so that
 * nothing downstream reads or parses the raw bytes again for ENVELOPE, BODYSTRUCTURE or listings.
 */
@Stateless
public class ContentIndexer {

    private static final MessageParser PARSER = new MessageParser();

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    @EJB
    private BlobStore blobs;

    /** Longest header block kept for header searches. */
    private static final int MAX_HEADER_TEXT = 64 * 1024;

    /** The parsed content of the blob, parsing it now if this is its first delivery. */
    public MessageContent index(String blobSha256) {
        MessageContent existing = em.find(MessageContent.class, blobSha256);
        if (existing != null) {
            return existing;
        }
        byte[] raw = blobs.read(blobSha256);
        ParsedMessage parsed = parse(raw);
        MessageContent content = new MessageContent(blobSha256, parsed.subject(), parsed.from(),
                parsed.sentDate(), parsed.messageId(), (int) parsed.headerSize(), parsed.envelope(), parsed.body(),
                parsed.bodyStructure(), parsed.toJson(), parsed.textForSearch(), parsed.hasAttachments(),
                headerText(raw, parsed.headerSize()), parsed.sortKeys());
        em.persist(content);
        return content;
    }

    /**
     * The SORT/THREAD keys of content parsed before they were stored (V13): parses the stored message again
     * and keeps them, so each content is parsed for them at most once (lazy backfill, ADR 0033).
     */
    public SortKeys backfillSortKeys(String blobSha256) {
        MessageContent content = em.find(MessageContent.class, blobSha256);
        SortKeys keys = parse(blobs.read(blobSha256)).sortKeys();
        content.setSortKeys(keys);
        return keys;
    }

    private static ParsedMessage parse(byte[] raw) {
        try (var in = new ByteArrayInputStream(raw)) {
            return PARSER.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The raw header block for header searches; 8-bit bytes read as UTF-8, NUL dropped (PostgreSQL text). */
    private static String headerText(byte[] raw, long headerSize) {
        int length = (int) Math.min(Math.min(headerSize, raw.length), MAX_HEADER_TEXT);
        return new String(raw, 0, length, StandardCharsets.UTF_8).replace("\0", "");
    }
}
