package fr.mssante.ejb.relay;

import fr.mssante.ejb.metrics.MailFlowMeters;
import jakarta.inject.Inject;
import fr.mssante.connector.api.smtp.DsnParameters;
import fr.mssante.ejb.audit.AuditAction;
import fr.mssante.ejb.audit.AuditPublisher;
import fr.mssante.ejb.dsn.RecipientStatus;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The relay queue's state changes, each in its own short transaction so that no database lock or
 * connection is held while talking to a peer (ADR 0018): {@link #claim} takes the due recipients of one
 * message, {@link #record} writes what the peer said, with the audit events and the notices, as soon as it
 * said it. Callers run these in the system scope "relay" ({@link RelayQueueService#SCOPE}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RelayStore {

    private static final Logger LOG = Logger.getLogger(RelayStore.class.getName());
    static final String ACTOR = "system:relay";

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    @Inject
    private MailFlowMeters meters;

    @EJB
    private RelayNode node;

    @EJB
    private AuditPublisher audit;

    @EJB
    private RelayNotices notices;

    @EJB
    private RelayQueueService queue;

    /**
     * Claims the due recipients of the oldest due message for {@code domain}: they are counted as attempted and
     * not due again until the lease is over, so no other node takes them meanwhile, and a node that dies
     * mid-attempt leaves them to the others once the lease is over. {@code SKIP LOCKED}: nodes never wait for
     * each other.
     */
    public Optional<Claim> claim(String domain) {
        List<?> first = em.createNativeQuery("SELECT CAST(r.relay_message_id AS text) FROM relay_recipient r "
                        + "JOIN relay_message m ON m.id = r.relay_message_id "
                        + "WHERE m.domain = ?1 AND r.status = 'QUEUED' AND r.next_attempt_at <= now() "
                        + "ORDER BY r.next_attempt_at LIMIT 1 FOR UPDATE OF r SKIP LOCKED")
                .setParameter(1, domain).getResultList();
        if (first.isEmpty()) {
            return Optional.empty();
        }
        UUID messageId = UUID.fromString((String) first.get(0));
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("SELECT CAST(id AS text) FROM relay_recipient "
                        + "WHERE relay_message_id = ?1 AND status = 'QUEUED' AND next_attempt_at <= now() "
                        + "ORDER BY address FOR UPDATE SKIP LOCKED")
                .setParameter(1, messageId).getResultList();
        OffsetDateTime now = OffsetDateTime.now();
        OffsetDateTime leaseUntil = now.plus(node.attemptLease());
        List<RelayRecipient> recipients = new ArrayList<>();
        for (String id : ids) {
            RelayRecipient recipient = em.find(RelayRecipient.class, UUID.fromString(id));
            recipient.attemptStarted(now, leaseUntil);
            recipients.add(recipient);
        }
        RelayMessage message = em.find(RelayMessage.class, messageId);
        em.flush();
        return recipients.isEmpty() ? Optional.empty() : Optional.of(new Claim(message, recipients));
    }

    /** Writes the outcome of one attempt, with its audit events and notices, in one transaction. */
    public void record(AttemptResult result) {
        RelayMessage message = em.find(RelayMessage.class, result.relayMessageId(), LockModeType.PESSIMISTIC_WRITE);
        RelaySettings settings = node.settings();
        OffsetDateTime now = OffsetDateTime.now();

        List<RecipientStatus> failed = new ArrayList<>();
        List<RecipientStatus> delayed = new ArrayList<>();
        List<RecipientStatus> relayed = new ArrayList<>();
        for (RecipientOutcome outcome : result.outcomes()) {
            RelayRecipient recipient = em.find(RelayRecipient.class, outcome.recipientId(), LockModeType.PESSIMISTIC_WRITE);
            if (recipient == null || recipient.getStatus() != RelayRecipient.Status.QUEUED) {
                continue; // deleted or bounced by an administrator during the attempt
            }
            recipient.record(outcome.reply() == null ? null : outcome.reply().code(), outcome.detail(), outcome.remoteMta());
            switch (outcome.kind()) {
                case SENT -> {
                    recipient.finish(RelayRecipient.Status.SENT, now);
                    meters.relayed("sent");
                    auditOutcome(AuditAction.RELAYED, "OK", message, recipient, outcome);
                    // RFC 3461 section 5.2.2: a peer that advertises DSN sends the success notice itself.
                    if (!result.peerDsn()) {
                        relayed.add(status(recipient, RecipientStatus.Action.RELAYED, outcome, null));
                    }
                }
                case FAILED -> {
                    recipient.finish(RelayRecipient.Status.FAILED, now);
                    meters.relayed("failed");
                    auditOutcome(AuditAction.RELAY_FAILED, "FAILED", message, recipient, outcome);
                    failed.add(status(recipient, RecipientStatus.Action.FAILED, outcome, null));
                }
                case DEFERRED -> {
                    Deferral deferral = Deferral.of(settings, message.getReceivedAt(), recipient.getAttempts(),
                            recipient.isDelayNoticeSent(), now);
                    if (deferral.expired()) {
                        recipient.finish(RelayRecipient.Status.EXPIRED, now);
                        meters.relayed("expired");
                        RecipientOutcome expired = new RecipientOutcome(outcome.recipientId(), outcome.kind(), "4.4.7",
                                outcome.reply(), outcome.detail(), outcome.remoteMta());
                        auditOutcome(AuditAction.RELAY_FAILED, "EXPIRED", message, recipient, expired);
                        // RFC 3463 X.4.7 "delivery time expired"; the last error stays the diagnostic.
                        failed.add(status(recipient, RecipientStatus.Action.FAILED, expired, null));
                    } else {
                        recipient.deferUntil(deferral.nextAttempt());
                        auditOutcome(AuditAction.RELAY_DEFERRED, "DEFERRED", message, recipient, outcome);
                        if (deferral.delayNotice()) {
                            recipient.delayNoticeSent();
                            delayed.add(status(recipient, RecipientStatus.Action.DELAYED, outcome, deferral.giveUpAt()));
                        }
                    }
                }
            }
        }
        notices.send(message, failed);
        notices.send(message, delayed);
        notices.send(message, relayed);
        em.flush();
        finishIfDone(message);
    }

    /** Marks the message DONE once none of its recipients is QUEUED any more. */
    private void finishIfDone(RelayMessage message) {
        long queued = ((Number) em.createNativeQuery(
                        "SELECT count(*) FROM relay_recipient WHERE relay_message_id = ?1 AND status = 'QUEUED'")
                .setParameter(1, message.getId()).getSingleResult()).longValue();
        if (queued == 0) {
            message.setState(RelayMessage.State.DONE);
        }
    }

    /** Wakes a relay worker for every domain that has due recipients (the durable trigger of the queue). */
    public void wakeDueDomains() {
        @SuppressWarnings("unchecked")
        List<String> domains = em.createNativeQuery("SELECT DISTINCT m.domain FROM relay_recipient r "
                        + "JOIN relay_message m ON m.id = r.relay_message_id "
                        + "WHERE r.status = 'QUEUED' AND r.next_attempt_at <= now()")
                .getResultList();
        for (String domain : domains) {
            queue.wake(domain, null);
        }
        if (!domains.isEmpty()) {
            LOG.fine(() -> "relay due for " + domains);
        }
    }

    private static boolean asksForSuccess(RelayRecipient recipient) {
        return recipient.notifyOn().contains(DsnParameters.Notify.SUCCESS);
    }

    private static RecipientStatus status(RelayRecipient recipient, RecipientStatus.Action action,
                                          RecipientOutcome outcome, OffsetDateTime willRetryUntil) {
        return new RecipientStatus(recipient.getAddress(), recipient.getOrcpt(), recipient.notifyOn(), action, outcome.status(),
                outcome.remoteMta(), outcome.reply() == null ? null : "smtp; " + outcome.reply(),
                recipient.getLastAttemptAt(), willRetryUntil);
    }

    private void auditOutcome(AuditAction action, String result, RelayMessage message, RelayRecipient recipient,
                              RecipientOutcome outcome) {
        audit.publish(action, ACTOR, message.getTenantId(), message.getQueueId(), null, List.of(recipient.getAddress()),
                result, "remote=" + (outcome.remoteMta() == null ? "-" : outcome.remoteMta()) + " status="
                        + outcome.status() + " attempt=" + recipient.getAttempts() + " reply=" + outcome.detail());
    }
}
