package fr.mssante.ejb.delivery;

import fr.mssante.connector.api.smtp.DsnParameters;
import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.RecipientDsn;
import fr.mssante.ejb.audit.AuditAction;
import fr.mssante.ejb.audit.AuditPublisher;
import fr.mssante.ejb.audit.AuditRecord;
import fr.mssante.ejb.dsn.DeliveryReport;
import fr.mssante.ejb.dsn.DeliveryStatusNotifier;
import fr.mssante.ejb.dsn.RecipientStatus;
import fr.mssante.ejb.intake.IntakeMessage;
import fr.mssante.ejb.mailbox.FolderAppender;
import fr.mssante.ejb.mailbox.FolderChange;
import fr.mssante.ejb.mailbox.FolderEvents;
import fr.mssante.ejb.mailbox.MessageContent;
import fr.mssante.ejb.metrics.MailFlowMeters;
import fr.mssante.ejb.relay.RelayQueueService;
import fr.mssante.ejb.tenant.ScopeContext;
import fr.mssante.ejb.tenant.TenantLookups;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Puts accepted messages into the INBOX of each local recipient, and hands the recipients in domains
 * hosted elsewhere to the relay queue ({@link RelayQueueService}, ADR 0018). Runs in the transaction of the
 * JMS delivery, which may carry a batch of requests (ADR 0034): if anything fails, nothing is kept and the
 * broker redelivers. Idempotent: a redelivered request finds the intake message already delivered, a
 * folder never gets a second copy of the same intake message, and a destination domain is queued for
 * relay once.
 *
 * <p>Lock order (ADR 0034): intake rows in id order, then folder rows in folder id order over the whole
 * batch. Two transactions that share folders therefore wait for each other instead of deadlocking
 * (multi-recipient messages used to lock their folders in recipient order).
 *
 * <p>Delivery status notifications (RFC 3461) for local recipients: a failure notice for a recipient that
 * can no longer receive (closed or suspended since RCPT), a success notice ("delivered", section 6.2.1)
 * for one whose NOTIFY asked for it. They are sent in this transaction, so they exist if and only if the
 * delivery committed. Audit events and folder-changed events of the batch leave as one message each.
 *
 * <p>Row-level security: the accepted message (intake, blob, parsed content) is shared by its recipients
 * and owned by no establishment; each recipient's copy is written in the scope of that recipient's
 * tenant only, so one message for several establishments never needs a scope that sees them all.
 */
@Stateless
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class.getName());
    static final String ACTOR = "system:delivery";

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    @EJB
    private ContentIndexer indexer;

    @EJB
    private InboxResolver inboxes;

    @EJB
    private FolderAppender appender;

    @EJB
    private AuditPublisher audit;

    @EJB
    private FolderEvents folderEvents;

    @EJB
    private TenantLookups lookups;

    @EJB
    private RelayQueueService relay;

    @EJB
    private DeliveryStatusNotifier notifier;

    @Inject
    private MailFlowMeters meters;

    /** What one accepted message of the batch comes to. */
    private record Outcome(IntakeMessage intake, List<String> local, List<String> elsewhere,
                           List<RecipientStatus> failed, List<RecipientStatus> delivered) {
    }

    /**
     * Delivers the intake messages requested (duplicates and already delivered ones are no-ops), in phases
     * that each stay in one tenant scope as long as they can: every scope change costs a statement and a
     * flush ({@code TenantScopeInterceptor}).
     */
    public void deliver(List<UUID> requested) {
        Map<String, Boolean> hostedDomains = new HashMap<>();
        List<Outcome> outcomes = new ArrayList<>();
        Map<IntakeMessage, MessageContent> contents = new HashMap<>();
        for (IntakeMessage intake : lockPending(requested)) {
            Outcome outcome = new Outcome(intake, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>());
            for (String recipient : intake.getRecipients()) {
                String domain = MailAddress.parse(recipient).domain();
                // Hosted here: a mailbox; anything else goes to the relay (RCPT checked the trust space).
                boolean hosted = hostedDomains.computeIfAbsent(domain, d -> lookups.tenantOfDomain(d).isPresent());
                (hosted ? outcome.local() : outcome.elsewhere()).add(recipient);
            }
            if (!outcome.local().isEmpty()) {
                contents.put(intake, indexer.index(intake.getBlobSha256()));
            }
            outcomes.add(outcome);
        }

        // Resolving and appending change no entity (the appends are SQL), but every query would make Hibernate
        // dirty-check every entity of the batch first (auto flush): one flush now, none until the appends are
        // done, which keeps a batch linear in its size (ADR 0034).
        em.flush();
        em.setFlushMode(FlushModeType.COMMIT);
        List<AuditRecord> audited = new ArrayList<>();
        List<InboxPlacement> placements = new ArrayList<>();
        Map<IntakeMessage, Outcome> byIntake = new HashMap<>();
        for (Outcome outcome : outcomes) {
            byIntake.put(outcome.intake(), outcome);
            for (String recipient : outcome.local()) {
                InboxResolver.Resolution resolution =
                        inboxes.resolve(outcome.intake(), contents.get(outcome.intake()), recipient);
                if (resolution.placement() != null) {
                    placements.add(resolution.placement());
                } else {
                    outcome.failed().add(resolution.failure());
                    audited.add(resolution.failureAudit());
                }
            }
        }

        // The one global order over folder locks (ADR 0034); a stable sort keeps a message's own order.
        placements.sort(Comparator.comparing(InboxPlacement::folderId));
        List<FolderChange> changed = new ArrayList<>();
        for (InboxPlacement placement : placements) {
            IntakeMessage intake = placement.intake();
            OptionalLong uid = ScopeContext.call(placement.scope(), () -> appender.append(placement.folderId(),
                    intake.getBlobSha256(), intake.getId(), intake.getReceivedAt(), intake.getSize(), List.of()));
            if (uid.isPresent()) {
                changed.add(new FolderChange(placement.mailbox(), placement.folderId()));
                audited.add(new AuditRecord(OffsetDateTime.now(), placement.tenantId(), ACTOR, AuditAction.DELIVERED,
                        intake.getQueueId(), placement.content().getMessageId(), List.of(placement.recipient()), "OK",
                        "INBOX uid=" + uid.getAsLong()));
            }
            byIntake.get(intake).delivered().add(delivered(placement));
        }

        em.setFlushMode(FlushModeType.AUTO);

        outcomes.forEach(this::finish);
        folderEvents.changedAll(changed);
        audit.publishAll(audited);
    }

    /**
     * The requested intake messages not delivered yet, locked in id order (one statement; PostgreSQL locks
     * the rows in the order it returns them). Redelivered requests and takeover duplicates find theirs
     * delivered, or wait for the transaction delivering it and then find it delivered.
     */
    private List<IntakeMessage> lockPending(List<UUID> requested) {
        TreeSet<UUID> ids = new TreeSet<>(requested);
        List<IntakeMessage> locked = em.createQuery(
                        "SELECT i FROM IntakeMessage i WHERE i.id IN :ids ORDER BY i.id", IntakeMessage.class)
                .setParameter("ids", ids)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        if (locked.size() != ids.size()) {
            locked.forEach(found -> ids.remove(found.getId()));
            throw new IllegalStateException("delivery requested for unknown intake message(s) " + ids);
        }
        List<IntakeMessage> pending = new ArrayList<>();
        for (IntakeMessage intake : locked) {
            if (intake.getStatus() == IntakeMessage.Status.DELIVERED) {
                LOG.fine(() -> intake.getQueueId() + " already delivered: redelivery ignored");
            } else {
                pending.add(intake);
            }
        }
        return pending;
    }

    private static RecipientStatus delivered(InboxPlacement placement) {
        RecipientDsn dsn = placement.intake().dsnOf(placement.recipient());
        return new RecipientStatus(placement.recipient(), dsn.orcpt().orElse(null), dsn.notifyOn(),
                RecipientStatus.Action.DELIVERED, "2.0.0", null, null, OffsetDateTime.now(), null);
    }

    /** Notices, metrics, relay hand-over and the delivered mark of one message, out of any recipient's scope. */
    private void finish(Outcome outcome) {
        IntakeMessage intake = outcome.intake();
        if (!outcome.failed().isEmpty() || !outcome.delivered().isEmpty()) {
            notify(intake, outcome.failed());
            notify(intake, outcome.delivered());
            outcome.failed().forEach(status -> meters.delivered("failed"));
            outcome.delivered().forEach(status -> meters.delivered("delivered"));
            meters.deliveryLatency(Duration.between(intake.getReceivedAt(), OffsetDateTime.now()));
        }
        relay.enqueue(intake, outcome.elsewhere());
        intake.markDelivered(OffsetDateTime.now());
    }

    /**
     * The notifier keeps the recipients whose NOTIFY asks for the event (a success notice only for
     * NOTIFY=SUCCESS, RFC 3461 section 4.1); never to the null reverse-path (section 6.2).
     */
    private void notify(IntakeMessage intake, List<RecipientStatus> recipients) {
        if (recipients.isEmpty() || intake.getReversePath() == null) {
            return;
        }
        DsnParameters dsn = intake.getDsn();
        notifier.send(new DeliveryReport(intake.getQueueId(), dsn.envid().orElse(null),
                dsn.ret().map(r -> r == DsnParameters.Ret.FULL).orElse(false), intake.getReversePath(),
                intake.getBlobSha256(), intake.getReceivedAt(), recipients));
    }
}
