package fr.mssante.ejb.mailbox;

import fr.mssante.connector.api.imap.SortKeys;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * What delivery parsed out of a stored blob, once: listing fields and the IMAP-ready structure.
 * Shared by every copy of the message in every folder.
 */
@Entity
@Table(name = "message_content")
public class MessageContent {

    @Id
    @Column(name = "blob_sha256", length = 64)
    private String blobSha256;

    private String subject;

    @Column(name = "from_display")
    private String fromDisplay;

    @Column(name = "sent_date")
    private OffsetDateTime sentDate;

    @Column(name = "message_id")
    private String messageId;

    @Column(name = "header_size", nullable = false)
    private int headerSize;

    @Column(name = "imap_envelope", nullable = false)
    private String imapEnvelope;

    @Column(name = "imap_body", nullable = false)
    private String imapBody;

    @Column(name = "imap_bodystructure", nullable = false)
    private String imapBodyStructure;

    @Column(name = "structure_json", nullable = false)
    private String structureJson;

    @Column(name = "search_text", nullable = false)
    private String searchText;

    @Column(name = "has_attachments", nullable = false)
    private boolean hasAttachments;

    @Column(name = "header_text", nullable = false)
    private String headerText;

    /** RFC 5256 SORT/THREAD keys (V13, ADR 0033); null for content parsed before V13, until backfilled. */
    @Column(name = "base_subject")
    private String baseSubject;

    @Column(name = "reply_or_forward", nullable = false)
    private boolean replyOrForward;

    @Column(name = "sort_from", nullable = false)
    private String sortFrom = "";

    @Column(name = "sort_to", nullable = false)
    private String sortTo = "";

    @Column(name = "sort_cc", nullable = false)
    private String sortCc = "";

    /** Space-separated msg-ids (they hold no whitespace once read). */
    @Column(name = "thread_references", nullable = false)
    private String threadReferences = "";

    protected MessageContent() {
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    public MessageContent(String blobSha256, String subject, String fromDisplay, OffsetDateTime sentDate,
                          String messageId, int headerSize, String imapEnvelope, String imapBody,
                          String imapBodyStructure, String structureJson, String searchText,
                          boolean hasAttachments, String headerText, SortKeys sortKeys) {
        this.blobSha256 = blobSha256;
        this.subject = subject;
        this.fromDisplay = fromDisplay;
        this.sentDate = sentDate;
        this.messageId = messageId;
        this.headerSize = headerSize;
        this.imapEnvelope = imapEnvelope;
        this.imapBody = imapBody;
        this.imapBodyStructure = imapBodyStructure;
        this.structureJson = structureJson;
        this.searchText = searchText;
        this.hasAttachments = hasAttachments;
        this.headerText = headerText;
        store(sortKeys);
    }

    /**
     * Stores the SORT/THREAD keys in their columns. The sent date and Message-ID are the listing's
     * {@code sent_date} and {@code message_id}: the same Date parser and msg-id reader produce both.
     */
    public void setSortKeys(SortKeys keys) {
        store(keys); // not final: a lazy proxy must reach the entity
    }

    private void store(SortKeys keys) {
        this.baseSubject = keys.baseSubject();
        this.replyOrForward = keys.replyOrForward();
        this.sortFrom = keys.from();
        this.sortTo = keys.to();
        this.sortCc = keys.cc();
        this.threadReferences = String.join(" ", keys.references());
    }

    public String getBlobSha256() {
        return blobSha256;
    }

    public String getSubject() {
        return subject;
    }

    public String getFromDisplay() {
        return fromDisplay;
    }

    public OffsetDateTime getSentDate() {
        return sentDate;
    }

    public String getMessageId() {
        return messageId;
    }

    public String getImapEnvelope() {
        return imapEnvelope;
    }

    public String getImapBodyStructure() {
        return imapBodyStructure;
    }

    public String getImapBody() {
        return imapBody;
    }

    public String getStructureJson() {
        return structureJson;
    }

    public int getHeaderSize() {
        return headerSize;
    }

    public String getHeaderText() {
        return headerText;
    }

    public String getSearchText() {
        return searchText;
    }
}
