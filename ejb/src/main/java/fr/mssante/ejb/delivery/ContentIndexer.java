package fr.mssante.ejb.delivery;

import fr.mssante.ejb.delivery.mime.MessageParser;
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

    /** The parsed content of the blob, parsing it now if this is its first delivery. */
    public MessageContent index(String blobSha256) {
        MessageContent existing = em.find(MessageContent.class, blobSha256);
        if (existing != null) {
            return existing;
        }
        ParsedMessage parsed;
        try (var in = new ByteArrayInputStream(blobs.read(blobSha256))) {
            parsed = PARSER.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MessageContent content = new MessageContent(blobSha256, parsed.subject(), parsed.from(),
                parsed.sentDate(), parsed.messageId(), (int) parsed.headerSize(), parsed.envelope(), parsed.body(),
                parsed.bodyStructure(), parsed.toJson(), parsed.textForSearch(), parsed.hasAttachments());
        em.persist(content);
        return content;
    }
}
