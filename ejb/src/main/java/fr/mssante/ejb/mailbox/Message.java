package fr.mssante.ejb.mailbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A message in a folder, addressed by its UID (RFC 3501 section 2.3.1.1). */
@Entity
@Table(name = "message")
public class Message {

    @Id
    private UUID id;

    @Column(name = "tenant_id", nullable = false)
    private UUID tenantId;

    @Column(name = "folder_id", nullable = false)
    private UUID folderId;

    @Column(nullable = false)
    private long uid;

    @Column(nullable = false)
    private long modseq;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "blob_sha256")
    private MessageContent content;

    @Column(name = "intake_message_id")
    private UUID intakeMessageId;

    @Column(name = "internal_date", nullable = false)
    private OffsetDateTime internalDate;

    @Column(name = "rfc822_size", nullable = false)
    private long rfc822Size;

    @Column(nullable = false)
    private String[] flags;

    protected Message() {
    }

    public UUID getId() {
        return id;
    }

    public UUID getFolderId() {
        return folderId;
    }

    public long getUid() {
        return uid;
    }

    public long getModseq() {
        return modseq;
    }

    public MessageContent getContent() {
        return content;
    }

    public OffsetDateTime getInternalDate() {
        return internalDate;
    }

    public long getRfc822Size() {
        return rfc822Size;
    }

    public String[] getFlags() {
        return flags.clone();
    }
}
