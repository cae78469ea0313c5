package fr.mssante.ejb.relay;

import fr.mssante.connector.api.smtp.DsnParameters;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** One recipient of a {@link RelayMessage}: its delivery status and attempt history (V10). */
@Entity
@Table(name = "relay_recipient")
public class RelayRecipient {

    /** Where the recipient stands; every status but QUEUED is final. */
    public enum Status { QUEUED, SENT, FAILED, EXPIRED, DELETED }

    @Id
    private UUID id;

    @Column(name = "relay_message_id", nullable = false, updatable = false)
    private UUID relayMessageId;

    @Column(name = "tenant_id", updatable = false)
    private UUID tenantId;

    @Column(nullable = false, updatable = false)
    private String address;

    /** RFC 3461 ORCPT as {@code addr-type;address}, decoded; null when not given. */
    @Column(updatable = false)
    private String orcpt;

    /** RFC 3461 NOTIFY keywords joined by ','; null when not given. */
    @Column(updatable = false)
    private String notify;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private Status status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at")
    private OffsetDateTime nextAttemptAt;

    @Column(name = "last_attempt_at")
    private OffsetDateTime lastAttemptAt;

    @Column(name = "last_reply_code")
    private Integer lastReplyCode;

    @Column(name = "last_reply")
    private String lastReply;

    @Column(name = "remote_mta")
    private String remoteMta;

    @Column(name = "delay_notice_sent", nullable = false)
    private boolean delayNoticeSent;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;

    protected RelayRecipient() {
    }

    RelayRecipient(RelayMessage message, String address, String orcpt, String notify, OffsetDateTime due) {
        this.id = UUID.randomUUID();
        this.relayMessageId = message.getId();
        this.tenantId = message.getTenantId();
        this.address = address;
        this.orcpt = orcpt;
        this.notify = notify;
        this.status = Status.QUEUED;
        this.nextAttemptAt = due;
    }

    public UUID getId() {
        return id;
    }

    public UUID getRelayMessageId() {
        return relayMessageId;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public String getAddress() {
        return address;
    }

    public String getOrcpt() {
        return orcpt;
    }

    public String getNotify() {
        return notify;
    }

    /** The NOTIFY keywords as a set, empty when the sender gave none (RFC 3461 section 4.1 defaults apply). */
    public Set<DsnParameters.Notify> notifyOn() {
        if (notify == null || notify.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(notify.split(",")).map(DsnParameters.Notify::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DsnParameters.Notify.class)));
    }

    public Status getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    public OffsetDateTime getNextAttemptAt() {
        return nextAttemptAt;
    }

    public OffsetDateTime getLastAttemptAt() {
        return lastAttemptAt;
    }

    public Integer getLastReplyCode() {
        return lastReplyCode;
    }

    public String getLastReply() {
        return lastReply;
    }

    public String getRemoteMta() {
        return remoteMta;
    }

    public boolean isDelayNoticeSent() {
        return delayNoticeSent;
    }

    public OffsetDateTime getFinishedAt() {
        return finishedAt;
    }

    /** An attempt starts: counted, and leased until {@code leaseUntil} so no other node takes it meanwhile. */
    void attemptStarted(OffsetDateTime now, OffsetDateTime leaseUntil) {
        attempts++;
        lastAttemptAt = now;
        nextAttemptAt = leaseUntil;
    }

    /** The outcome of an attempt, or of an administrator's action: {@code reply} as the peer gave it. */
    void record(Integer replyCode, String reply, String mta) {
        this.lastReplyCode = replyCode;
        this.lastReply = reply;
        this.remoteMta = mta;
    }

    /** Stays queued until {@code next}. */
    void deferUntil(OffsetDateTime next) {
        this.status = Status.QUEUED;
        this.nextAttemptAt = next;
    }

    /** A final status: no more attempts. */
    void finish(Status finalStatus, OffsetDateTime when) {
        if (finalStatus == Status.QUEUED) {
            throw new IllegalArgumentException("QUEUED is not final");
        }
        this.status = finalStatus;
        this.nextAttemptAt = null;
        this.finishedAt = when;
    }

    void delayNoticeSent() {
        this.delayNoticeSent = true;
    }
}
