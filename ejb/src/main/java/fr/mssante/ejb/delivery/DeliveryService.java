package fr.mssante.ejb.delivery;

import fr.mssante.ejb.metrics.MailFlowMeters;
import jakarta.inject.Inject;
import fr.mssante.connector.api.smtp.DsnParameters;
import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.RecipientDsn;
import fr.mssante.ejb.audit.AuditAction;
import fr.mssante.ejb.audit.AuditPublisher;
import fr.mssante.ejb.dsn.DeliveryReport;
import fr.mssante.ejb.dsn.DeliveryStatusNotifier;
import fr.mssante.ejb.dsn.RecipientStatus;
import fr.mssante.ejb.intake.IntakeMessage;
import fr.mssante.ejb.mailbox.Folder;
import fr.mssante.ejb.mailbox.FolderAppender;
import fr.mssante.ejb.mailbox.FolderEvents;
import fr.mssante.ejb.mailbox.Mailbox;
import fr.mssante.ejb.mailbox.MailboxService;
import fr.mssante.ejb.mailbox.MailboxStatus;
import fr.mssante.ejb.mailbox.MessageContent;
import fr.mssante.ejb.relay.RelayQueueService;
import fr.mssante.ejb.tenant.ScopeContext;
import fr.mssante.ejb.tenant.TenantLookups;
import fr.mssante.ejb.tenant.TenantScope;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Puts an accepted message into the INBOX of each local recipient, and hands the recipients in domains
 * hosted elsewhere to the relay queue ({@link RelayQueueService}, ADR 0018). Runs in the transaction of the
 * JMS delivery: if anything fails, nothing is kept and the broker redelivers. Idempotent: a
 * redelivered request finds the intake message already delivered, a folder never gets a
 * second copy of the same intake message, and a destination domain is queued for relay once.
 *
 * <p>Delivery status notifications (RFC 3461) for local recipients: a failure notice for a recipient that
 * can no longer receive (closed or suspended since RCPT), a success notice ("delivered", section 6.2.1)
 * for one whose NOTIFY asked for it. They are sent in this transaction, so they exist if and only if the
 * delivery committed.
 *
 * <p>Row-level security: the accepted message (intake, blob, parsed content) is shared by its recipients
 * and owned by no establishment; each recipient's copy is written in the scope of that recipient's
 * tenant only, so one message for several establishments never needs a scope that sees them all.
 */
@Stateless
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class.getName());
    private static final String ACTOR = "system:delivery";

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    @EJB
    private ContentIndexer indexer;

    @EJB
    private MailboxService mailboxes;

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

    public void deliver(UUID intakeMessageId) {
        IntakeMessage intake = em.find(IntakeMessage.class, intakeMessageId, LockModeType.PESSIMISTIC_WRITE);
        if (intake == null) {
            throw new IllegalStateException("delivery requested for unknown intake message " + intakeMessageId);
        }
        if (intake.getStatus() == IntakeMessage.Status.DELIVERED) {
            LOG.fine(() -> intake.getQueueId() + " already delivered: redelivery ignored");
            return;
        }
        List<String> local = new ArrayList<>();
        List<String> elsewhere = new ArrayList<>();
        for (String recipient : intake.getRecipients()) {
            (isHosted(recipient) ? local : elsewhere).add(recipient);
        }
        if (!local.isEmpty()) {
            MessageContent content = indexer.index(intake.getBlobSha256());
            List<RecipientStatus> failed = new ArrayList<>();
            List<RecipientStatus> delivered = new ArrayList<>();
            for (String recipient : local) {
                RecipientStatus status = deliverTo(recipient, intake, content);
                (status.action() == RecipientStatus.Action.FAILED ? failed : delivered).add(status);
            }
            notify(intake, failed);
            notify(intake, delivered);
            failed.forEach(status -> meters.delivered("failed"));
            delivered.forEach(status -> meters.delivered("delivered"));
            meters.deliveryLatency(Duration.between(intake.getReceivedAt(), OffsetDateTime.now()));
        }
        relay.enqueue(intake, elsewhere);
        intake.markDelivered(OffsetDateTime.now());
    }

    /** Hosted here: delivered to a mailbox; anything else goes to the relay (RCPT checked the trust space). */
    private boolean isHosted(String recipient) {
        return lookups.tenantOfDomain(MailAddress.parse(recipient).domain()).isPresent();
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

    private RecipientStatus deliverTo(String recipient, IntakeMessage intake, MessageContent content) {
        // No tenant (mailbox deleted since RCPT): no scope, the look-up below finds nothing and says so.
        TenantScope scope = lookups.tenantOfMailbox(recipient).map(TenantScope::tenant).orElse(null);
        return ScopeContext.call(scope, () -> deliverInScope(recipient, intake, content));
    }

    /** Starts with an EJB call, which applies the recipient's scope before this bean's own queries. */
    private RecipientStatus deliverInScope(String recipient, IntakeMessage intake, MessageContent content) {
        Optional<Mailbox> found = mailboxes.find(recipient);
        Optional<Mailbox> mailbox = found.filter(Mailbox::receivesMail);
        RecipientDsn dsn = intake.dsnOf(recipient);
        String orcpt = dsn.orcpt().orElse(null);
        OffsetDateTime now = OffsetDateTime.now();
        if (mailbox.isEmpty()) {
            // Accepted at RCPT, closed or suspended since. RFC 3463: X.2.1 mailbox disabled (suspended),
            // X.1.1 bad destination mailbox (closed or gone).
            boolean suspended = found.map(m -> m.getStatus() == MailboxStatus.SUSPENDED).orElse(false);
            String reason = suspended ? "mailbox suspended" : "mailbox no longer active";
            audit.publish(AuditAction.DELIVERY_FAILED, ACTOR, null, intake.getQueueId(), content.getMessageId(),
                    List.of(recipient), "FAILED", reason);
            LOG.warning(() -> intake.getQueueId() + ": <" + recipient + "> " + reason + ", not delivered");
            return new RecipientStatus(recipient, orcpt, dsn.notifyOn(), RecipientStatus.Action.FAILED,
                    suspended ? "5.2.1" : "5.1.1", null, null, now, null);
        }
        Folder inbox = em.createNamedQuery(Folder.BY_MAILBOX_AND_NAME, Folder.class)
                .setParameter("mailboxId", mailbox.get().getId())
                .setParameter("name", Folder.INBOX)
                .getSingleResult();
        OptionalLong uid = appender.append(inbox.getId(), intake.getBlobSha256(), intake.getId(), intake.getReceivedAt(),
                intake.getSize(), List.of());
        if (uid.isPresent()) {
            folderEvents.changed(mailbox.get().getAddress(), inbox.getId());
            audit.publish(AuditAction.DELIVERED, ACTOR, mailbox.get().getTenantId(), intake.getQueueId(),
                    content.getMessageId(), List.of(recipient), "OK", "INBOX uid=" + uid.getAsLong());
        }
        return new RecipientStatus(recipient, orcpt, dsn.notifyOn(), RecipientStatus.Action.DELIVERED, "2.0.0", null,
                null, now, null);
    }
}
