package fr.mssante.ejb.mailbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An IMAP folder of a mailbox. UID and MODSEQ counters are only ever advanced by
 * {@link FolderAppender} under the folder's row lock.
 */
@Entity
@Table(name = "folder")
@NamedQuery(name = Folder.BY_MAILBOX_AND_NAME,
        query = "SELECT f FROM Folder f WHERE f.mailboxId = :mailboxId AND f.name = :name")
public class Folder {

    public static final String BY_MAILBOX_AND_NAME = "Folder.byMailboxAndName";
    public static final String INBOX = "INBOX";

    @Id
    private UUID id;

    @Column(name = "tenant_id", nullable = false)
    private UUID tenantId;

    @Column(name = "mailbox_id", nullable = false)
    private UUID mailboxId;

    @Column(nullable = false)
    private String name;

    @Column(name = "special_use")
    private String specialUse;

    @Column(name = "uid_validity", nullable = false)
    private long uidValidity;

    @Column(name = "uid_next", nullable = false)
    private long uidNext;

    @Column(name = "highest_modseq", nullable = false)
    private long highestModseq;

    @Column(nullable = false)
    private boolean subscribed;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected Folder() {
    }

    public Folder(Mailbox mailbox, String name, String specialUse, long uidValidity) {
        this.id = UUID.randomUUID();
        this.tenantId = mailbox.getTenantId();
        this.mailboxId = mailbox.getId();
        this.name = name;
        this.specialUse = specialUse;
        this.uidValidity = uidValidity;
        this.uidNext = 1;
        this.highestModseq = 1;
        this.subscribed = true;
        this.createdAt = OffsetDateTime.now();
    }

    public UUID getId() {
        return id;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public UUID getMailboxId() {
        return mailboxId;
    }

    public boolean isSubscribed() {
        return subscribed;
    }

    /** RFC 3501 6.3.6; IMAP CREATE makes folders unsubscribed (6.3.3 does not subscribe them). */
    public void setSubscribed(boolean subscribed) {
        this.subscribed = subscribed;
    }

    public String getName() {
        return name;
    }

    public String getSpecialUse() {
        return specialUse;
    }

    public long getUidValidity() {
        return uidValidity;
    }

    public long getUidNext() {
        return uidNext;
    }

    public long getHighestModseq() {
        return highestModseq;
    }
}
