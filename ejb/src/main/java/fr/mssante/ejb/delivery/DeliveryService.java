package fr.mssante.ejb.delivery;

import fr.mssante.ejb.audit.AuditAction;
import fr.mssante.ejb.audit.AuditPublisher;
import fr.mssante.ejb.intake.IntakeMessage;
import fr.mssante.ejb.mailbox.Folder;
import fr.mssante.ejb.mailbox.FolderAppender;
import fr.mssante.ejb.mailbox.FolderEvents;
import fr.mssante.ejb.mailbox.Mailbox;
import fr.mssante.ejb.mailbox.MailboxService;
import fr.mssante.ejb.mailbox.MessageContent;
import fr.mssante.ejb.tenant.ScopeContext;
import fr.mssante.ejb.tenant.TenantLookups;
import fr.mssante.ejb.tenant.TenantScope;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Puts an accepted message into the INBOX of each local recipient. Runs in the transaction of the
 * JMS delivery: if anything fails, nothing is kept and the broker redelivers. Idempotent: a
 * redelivered request finds the intake message already delivered, and a folder never gets a
 * second copy of the same intake message.
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

    public void deliver(UUID intakeMessageId) {
        IntakeMessage intake = em.find(IntakeMessage.class, intakeMessageId, LockModeType.PESSIMISTIC_WRITE);
        if (intake == null) {
            throw new IllegalStateException("delivery requested for unknown intake message " + intakeMessageId);
        }
        if (intake.getStatus() == IntakeMessage.Status.DELIVERED) {
            LOG.fine(() -> intake.getQueueId() + " already delivered: redelivery ignored");
            return;
        }
        MessageContent content = indexer.index(intake.getBlobSha256());
        for (String recipient : intake.getRecipients()) {
            deliverTo(recipient, intake, content);
        }
        intake.markDelivered(OffsetDateTime.now());
    }

    private void deliverTo(String recipient, IntakeMessage intake, MessageContent content) {
        // No tenant (mailbox deleted since RCPT): no scope, the look-up below finds nothing and says so.
        TenantScope scope = lookups.tenantOfMailbox(recipient).map(TenantScope::tenant).orElse(null);
        ScopeContext.run(scope, () -> deliverInScope(recipient, intake, content));
    }

    /** Starts with an EJB call, which applies the recipient's scope before this bean's own queries. */
    private void deliverInScope(String recipient, IntakeMessage intake, MessageContent content) {
        Optional<Mailbox> mailbox = mailboxes.find(recipient).filter(Mailbox::receivesMail);
        if (mailbox.isEmpty()) {
            // Accepted at RCPT, closed since: the bounce (DSN) comes with the relay service.
            audit.publish(AuditAction.DELIVERY_FAILED, ACTOR, null, intake.getQueueId(), content.getMessageId(),
                    List.of(recipient), "FAILED", "mailbox no longer active");
            LOG.warning(() -> intake.getQueueId() + ": <" + recipient + "> no longer active, not delivered");
            return;
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
    }
}
