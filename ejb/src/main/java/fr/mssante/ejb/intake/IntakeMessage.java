package fr.mssante.ejb.intake;

import fr.mssante.connector.api.smtp.DsnParameters;
import fr.mssante.connector.api.smtp.RecipientDsn;
import fr.mssante.connector.api.smtp.SmtpSessionInfo;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** A message accepted over SMTP and waiting for (or done with) delivery: its durable envelope. */
@Entity
@Table(name = "intake_message")
@NamedQuery(name = IntakeMessage.BY_QUEUE_ID, query = "SELECT m FROM IntakeMessage m WHERE m.queueId = :queueId")
public class IntakeMessage {

    public static final String BY_QUEUE_ID = "IntakeMessage.byQueueId";

    /** Delivery progress. */
    public enum Status { QUEUED, DELIVERED }

    @Id
    private UUID id;

    @Column(name = "queue_id", nullable = false, unique = true, length = 32)
    private String queueId;

    @Column(name = "received_at", nullable = false)
    private OffsetDateTime receivedAt;

    @Column(name = "session_id", nullable = false)
    private String sessionId;

    @Column(name = "client_address", nullable = false)
    private String clientAddress;

    private String helo;

    @Column(nullable = false)
    private String service;

    @Column(name = "reverse_path")
    private String reversePath;

    @Column(nullable = false)
    private String[] recipients;

    @Column(name = "blob_sha256", nullable = false, length = 64)
    private String blobSha256;

    @Column(nullable = false)
    private long size;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "delivered_at")
    private OffsetDateTime deliveredAt;

    @Column(name = "enqueued_at", nullable = false)
    private OffsetDateTime enqueuedAt;

    /**
     * The node incarnation whose broker holds the pending delivery request (ADR 0024): a live node takes
     * the message over when that incarnation stops beating.
     */
    @Column(name = "queued_on")
    private UUID queuedOn;

    /** Whether the SMTP session was encrypted (STARTTLS or implicit TLS), for the trace. */
    private Boolean tls;

    @Column(name = "tls_protocol")
    private String tlsProtocol;

    @Column(name = "tls_cipher_suite")
    private String tlsCipherSuite;

    /** The session's principal ({@code SessionPrincipal} encoded), null on the MX. */
    @Column(name = "authenticated_user")
    private String authenticatedUser;

    /** RFC 3461 (V8): RET and ENVID of MAIL FROM, NOTIFY and ORCPT per recipient (parallel to recipients). */
    @Column(name = "dsn_ret")
    private String dsnRet;

    @Column(name = "dsn_envid")
    private String dsnEnvid;

    @Column(name = "dsn_notify")
    private String[] dsnNotify;

    @Column(name = "dsn_orcpt")
    private String[] dsnOrcpt;

    protected IntakeMessage() {
    }

    /** @param session the SMTP session it came in: connection, TLS and authentication facts are kept */
    public IntakeMessage(String queueId, OffsetDateTime receivedAt, SmtpSessionInfo session, String reversePath,
                         List<String> recipients, String blobSha256, long size) {
        this.id = UUID.randomUUID();
        this.queueId = queueId;
        this.receivedAt = receivedAt;
        this.sessionId = session.sessionId();
        this.clientAddress = session.clientAddress();
        this.helo = session.heloName();
        this.service = session.service();
        this.reversePath = reversePath;
        this.recipients = recipients.toArray(String[]::new);
        this.blobSha256 = blobSha256;
        this.size = size;
        this.status = Status.QUEUED;
        this.enqueuedAt = receivedAt;
        this.tls = session.tls();
        this.tlsProtocol = session.tlsProtocol();
        this.tlsCipherSuite = session.tlsCipherSuite();
        this.authenticatedUser = session.authenticatedUser();
    }

    /** Keeps the sender's RFC 3461 requests with the envelope (recipients must be set first). */
    public void setDsn(DsnParameters dsn) {
        this.dsnRet = dsn.ret().map(Enum::name).orElse(null);
        this.dsnEnvid = dsn.envid().orElse(null);
        if (dsn.recipients().isEmpty()) {
            this.dsnNotify = null;
            this.dsnOrcpt = null;
            return;
        }
        this.dsnNotify = new String[recipients.length];
        this.dsnOrcpt = new String[recipients.length];
        for (int i = 0; i < recipients.length; i++) {
            RecipientDsn r = dsn.recipients().get(recipients[i]);
            if (r != null) {
                dsnNotify[i] = r.notifyOn().isEmpty() ? null
                        : r.notifyOn().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
                dsnOrcpt[i] = r.orcpt().orElse(null);
            }
        }
    }

    /** The sender's RFC 3461 requests, {@link DsnParameters#NONE} when there were none. */
    public DsnParameters getDsn() {
        Map<String, RecipientDsn> perRecipient = new HashMap<>();
        for (int i = 0; i < recipients.length; i++) {
            String notify = dsnNotify == null || i >= dsnNotify.length ? null : dsnNotify[i];
            String orcpt = dsnOrcpt == null || i >= dsnOrcpt.length ? null : dsnOrcpt[i];
            if (notify != null || orcpt != null) {
                Set<DsnParameters.Notify> keywords = notify == null ? Set.of()
                        : Arrays.stream(notify.split(",")).map(DsnParameters.Notify::valueOf)
                                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DsnParameters.Notify.class)));
                perRecipient.put(recipients[i], new RecipientDsn(keywords, Optional.ofNullable(orcpt)));
            }
        }
        return new DsnParameters(Optional.ofNullable(dsnRet).map(DsnParameters.Ret::valueOf),
                Optional.ofNullable(dsnEnvid), perRecipient);
    }

    /** The NOTIFY / ORCPT of one recipient of this message. */
    public RecipientDsn dsnOf(String recipient) {
        return getDsn().recipients().getOrDefault(recipient, RecipientDsn.NONE);
    }

    public String getSessionId() {
        return sessionId;
    }

    public String getService() {
        return service;
    }

    public String getAuthenticatedUser() {
        return authenticatedUser;
    }

    public UUID getId() {
        return id;
    }

    public String getQueueId() {
        return queueId;
    }

    public OffsetDateTime getReceivedAt() {
        return receivedAt;
    }

    public String getClientAddress() {
        return clientAddress;
    }

    public String getReversePath() {
        return reversePath;
    }

    public List<String> getRecipients() {
        return List.of(recipients);
    }

    public String getBlobSha256() {
        return blobSha256;
    }

    public long getSize() {
        return size;
    }

    public Status getStatus() {
        return status;
    }

    /** Records that the delivery request is on the broker of node incarnation {@code incarnation}. */
    public void queuedOn(UUID incarnation) {
        this.queuedOn = incarnation;
    }

    public UUID getQueuedOn() {
        return queuedOn;
    }

    public void markDelivered(OffsetDateTime when) {
        this.status = Status.DELIVERED;
        this.deliveredAt = when;
    }
}
