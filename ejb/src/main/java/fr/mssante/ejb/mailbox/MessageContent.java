package fr.mssante.ejb.mailbox;

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

    protected MessageContent() {
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    public MessageContent(String blobSha256, String subject, String fromDisplay, OffsetDateTime sentDate,
                          String messageId, int headerSize, String imapEnvelope, String imapBody,
                          String imapBodyStructure, String structureJson, String searchText,
                          boolean hasAttachments, String headerText) {
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
