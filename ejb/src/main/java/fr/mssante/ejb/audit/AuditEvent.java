package fr.mssante.ejb.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One line of the append-only audit trail. The database refuses updates and deletes; each row
 * carries the hash of the previous one, so a removed or altered row breaks the chain.
 */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private OffsetDateTime occurredAt;

    @Column(name = "tenant_id", updatable = false)
    private UUID tenantId;

    @Column(nullable = false, updatable = false)
    private String actor;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private AuditAction action;

    @Column(name = "queue_id", updatable = false)
    private String queueId;

    @Column(name = "message_id", updatable = false)
    private String messageId;

    @Column(nullable = false, updatable = false)
    private String[] recipients;

    @Column(nullable = false, updatable = false)
    private String outcome;

    @Column(updatable = false)
    private String details;

    @Column(name = "prev_hash", nullable = false, updatable = false)
    private byte[] prevHash;

    @Column(nullable = false, updatable = false)
    private byte[] hash;

    protected AuditEvent() {
    }

    AuditEvent(AuditRecord record, byte[] prevHash, byte[] hash) {
        this.occurredAt = record.occurredAt();
        this.tenantId = record.tenantId();
        this.actor = record.actor();
        this.action = record.action();
        this.queueId = record.queueId();
        this.messageId = record.messageId();
        this.recipients = record.recipients().toArray(String[]::new);
        this.outcome = record.outcome();
        this.details = record.details();
        this.prevHash = prevHash.clone();
        this.hash = hash.clone();
    }

    public Long getId() {
        return id;
    }

    public AuditAction getAction() {
        return action;
    }

    public List<String> getRecipients() {
        return List.of(recipients);
    }

    /** The record as the chain hashed it, rebuilt from the stored columns (for {@link AuditChainCheck}). */
    AuditRecord record() {
        return new AuditRecord(occurredAt, tenantId, actor, action, queueId, messageId, List.of(recipients), outcome,
                details);
    }

    byte[] prevHash() {
        return prevHash.clone();
    }

    byte[] hash() {
        return hash.clone();
    }
}
