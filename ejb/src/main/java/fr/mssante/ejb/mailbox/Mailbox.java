package fr.mssante.ejb.mailbox;

import fr.mssante.ejb.tenant.MailDomain;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
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
}
