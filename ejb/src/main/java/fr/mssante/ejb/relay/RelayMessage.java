package fr.mssante.ejb.relay;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One accepted message on its way to one destination domain of another operator (V10): what one SMTP
 * transaction to that domain carries. Its recipients are {@link RelayRecipient} rows.
 */
@Entity
@Table(name = "relay_message")
public class RelayMessage {

    /** QUEUED while one of its recipients is; DONE once all reached a final status. */
    public enum State { QUEUED, DONE }

    @Id
    private UUID id;

    @Column(name = "intake_message_id", nullable = false, updatable = false)
    private UUID intakeMessageId;

    @Column(nullable = false, updatable = false)
    private String domain;

    @Column(name = "queue_id", nullable = false, updatable = false, length = 32)
    private String queueId;

    /** Null for the null reverse-path {@code <>}. */
    @Column(name = "reverse_path", updatable = false)
    private String reversePath;

    @Column(name = "blob_sha256", nullable = false, updatable = false, length = 64)
    private String blobSha256;

    @Column(nullable = false, updatable = false)
    private long size;

    @Column(name = "dsn_ret", updatable = false)
    private String dsnRet;

    @Column(name = "dsn_envid", updatable = false)
    private String dsnEnvid;

    @Column(name = "received_at", nullable = false, updatable = false)
    private OffsetDateTime receivedAt;

    /** The establishment of a hosted sender; null otherwise (operator and system scopes only). */
    @Column(name = "tenant_id", updatable = false)
    private UUID tenantId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private State state;

    protected RelayMessage() {
    }

    RelayMessage(UUID intakeMessageId, String domain, String queueId, String reversePath, String blobSha256, long size,
                 String dsnRet, String dsnEnvid, OffsetDateTime receivedAt, UUID tenantId, OffsetDateTime createdAt) {
        this.id = UUID.randomUUID();
        this.intakeMessageId = intakeMessageId;
        this.domain = domain;
        this.queueId = queueId;
        this.reversePath = reversePath;
        this.blobSha256 = blobSha256;
        this.size = size;
        this.dsnRet = dsnRet;
        this.dsnEnvid = dsnEnvid;
        this.receivedAt = receivedAt;
        this.tenantId = tenantId;
        this.createdAt = createdAt;
        this.state = State.QUEUED;
    }

    public UUID getId() {
        return id;
    }

    public UUID getIntakeMessageId() {
        return intakeMessageId;
    }

    public String getDomain() {
        return domain;
    }

    public String getQueueId() {
        return queueId;
    }

    public String getReversePath() {
        return reversePath;
    }

    public String getBlobSha256() {
        return blobSha256;
    }

    public long getSize() {
        return size;
    }

    public String getDsnRet() {
        return dsnRet;
    }

    public String getDsnEnvid() {
        return dsnEnvid;
    }

    public OffsetDateTime getReceivedAt() {
        return receivedAt;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public State getState() {
        return state;
    }

    void setState(State state) {
        this.state = state;
    }
}
