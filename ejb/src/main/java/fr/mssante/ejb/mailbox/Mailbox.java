package fr.mssante.ejb.mailbox;

import fr.mssante.ejb.tenant.MailDomain;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** A BAL. Address and type are fixed at creation (MSSanté rule). */
@Entity
@Table(name = "mailbox")
@NamedQuery(name = Mailbox.BY_ADDRESS, query = "SELECT m FROM Mailbox m WHERE m.address = :address")
public class Mailbox {

    public static final String BY_ADDRESS = "Mailbox.byAddress";

    @Id
    private UUID id;

    @Column(name = "tenant_id", nullable = false)
    private UUID tenantId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "domain_id")
    private MailDomain domain;

    @Column(nullable = false, unique = true, updatable = false)
    private String address;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 3)
    private MailboxType type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private MailboxStatus status;

    @Column(name = "display_name")
    private String displayName;

    @Column(name = "owner_national_id")
    private String ownerNationalId;

    @Column(name = "quota_bytes", nullable = false)
    private long quotaBytes;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "published_in_directory", nullable = false)
    private boolean publishedInDirectory = true;

    /** Liste rouge: the owner asked not to be found in the national directory's public views. */
    @Column(name = "red_list", nullable = false)
    private boolean redList;

    /** National ids of the professionals who own an ORG mailbox. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "org_mailbox_owner", joinColumns = @JoinColumn(name = "mailbox_id"))
    @Column(name = "national_id")
    private Set<String> owners = new TreeSet<>();

    @Column(name = "status_changed_at")
    private OffsetDateTime statusChangedAt;

    @Column(name = "purge_after")
    private OffsetDateTime purgeAfter;

    @Column(name = "purged_at")
    private OffsetDateTime purgedAt;

    /** Raised by every change: the mailbox's ETag (RFC 7232 section 2.3). */
    @Version
    private long version;

    protected Mailbox() {
    }

    public Mailbox(MailDomain domain, String address, MailboxType type, String displayName,
                   String ownerNationalId, long quotaBytes) {
        this.id = UUID.randomUUID();
        this.tenantId = domain.getTenant().getId();
        this.domain = domain;
        this.address = address;
        this.type = type;
        this.status = MailboxStatus.ACTIVE;
        this.displayName = displayName;
        this.ownerNationalId = ownerNationalId;
        this.quotaBytes = quotaBytes;
        this.createdAt = OffsetDateTime.now();
    }

    public UUID getId() {
        return id;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public MailDomain getDomain() {
        return domain;
    }

    public String getAddress() {
        return address;
    }

    public MailboxType getType() {
        return type;
    }

    public MailboxStatus getStatus() {
        return status;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getOwnerNationalId() {
        return ownerNationalId;
    }

    public long getQuotaBytes() {
        return quotaBytes;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public boolean receivesMail() {
        return status == MailboxStatus.ACTIVE;
    }

    public boolean isPublishedInDirectory() {
        return publishedInDirectory;
    }

    public boolean isRedList() {
        return redList;
    }

    public Set<String> getOwners() {
        return owners;
    }

    public OffsetDateTime getStatusChangedAt() {
        return statusChangedAt;
    }

    public OffsetDateTime getPurgeAfter() {
        return purgeAfter;
    }

    public OffsetDateTime getPurgedAt() {
        return purgedAt;
    }

    public long getVersion() {
        return version;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public void setQuotaBytes(long quotaBytes) {
        this.quotaBytes = quotaBytes;
    }

    public void setPublishedInDirectory(boolean publishedInDirectory) {
        this.publishedInDirectory = publishedInDirectory;
    }

    public void setRedList(boolean redList) {
        this.redList = redList;
    }

    public void replaceOwners(Collection<String> nationalIds) {
        owners.clear();
        owners.addAll(nationalIds);
    }

    /**
     * Moves to {@code next}; a closed mailbox gets the date after which its content is purged, and
     * loses it when reactivated before.
     */
    public void changeStatus(MailboxStatus next, OffsetDateTime at, OffsetDateTime purgeAfter) {
        this.status = next;
        this.statusChangedAt = at;
        this.purgeAfter = next == MailboxStatus.CLOSED ? purgeAfter : null;
    }

    public void markPurged(OffsetDateTime at) {
        this.purgedAt = at;
    }
}
