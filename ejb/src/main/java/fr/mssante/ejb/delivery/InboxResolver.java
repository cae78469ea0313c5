package fr.mssante.ejb.delivery;

import fr.mssante.connector.api.smtp.RecipientDsn;
import fr.mssante.ejb.audit.AuditAction;
import fr.mssante.ejb.audit.AuditRecord;
import fr.mssante.ejb.dsn.RecipientStatus;
import fr.mssante.ejb.intake.IntakeMessage;
import fr.mssante.ejb.mailbox.Folder;
import fr.mssante.ejb.mailbox.Mailbox;
import fr.mssante.ejb.mailbox.MailboxService;
import fr.mssante.ejb.mailbox.MailboxStatus;
import fr.mssante.ejb.mailbox.MessageContent;
import fr.mssante.ejb.tenant.ScopeContext;
import fr.mssante.ejb.tenant.TenantLookups;
import fr.mssante.ejb.tenant.TenantScope;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Finds the INBOX a local recipient's copy goes to, without locking it, or says why the recipient can no
 * longer receive (closed or suspended since RCPT): the failure's DSN status and audit event.
 */
@Stateless
public class InboxResolver {

    private static final Logger LOG = Logger.getLogger(InboxResolver.class.getName());

    /** One of the two. */
    record Resolution(InboxPlacement placement, RecipientStatus failure, AuditRecord failureAudit) {
    }

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    @EJB
    private MailboxService mailboxes;

    @EJB
    private TenantLookups lookups;

    public Resolution resolve(IntakeMessage intake, MessageContent content, String recipient) {
        // No tenant (mailbox deleted since RCPT): no scope, the look-up finds nothing and says so.
        TenantScope scope = lookups.tenantOfMailbox(recipient).map(TenantScope::tenant).orElse(null);
        return ScopeContext.call(scope, () -> resolveInScope(intake, content, recipient, scope));
    }

    /** Starts with an EJB call, which applies the recipient's scope before this bean's own query. */
    private Resolution resolveInScope(IntakeMessage intake, MessageContent content, String recipient, TenantScope scope) {
        Optional<Mailbox> found = mailboxes.find(recipient);
        Optional<Mailbox> mailbox = found.filter(Mailbox::receivesMail);
        if (mailbox.isEmpty()) {
            // Accepted at RCPT, closed or suspended since. RFC 3463: X.2.1 mailbox disabled (suspended),
            // X.1.1 bad destination mailbox (closed or gone).
            boolean suspended = found.map(m -> m.getStatus() == MailboxStatus.SUSPENDED).orElse(false);
            String reason = suspended ? "mailbox suspended" : "mailbox no longer active";
            LOG.warning(() -> intake.getQueueId() + ": <" + recipient + "> " + reason + ", not delivered");
            RecipientDsn dsn = intake.dsnOf(recipient);
            return new Resolution(null,
                    new RecipientStatus(recipient, dsn.orcpt().orElse(null), dsn.notifyOn(),
                            RecipientStatus.Action.FAILED, suspended ? "5.2.1" : "5.1.1", null, null,
                            OffsetDateTime.now(), null),
                    new AuditRecord(OffsetDateTime.now(), null, DeliveryService.ACTOR, AuditAction.DELIVERY_FAILED,
                            intake.getQueueId(), content.getMessageId(), List.of(recipient), "FAILED", reason));
        }
        Folder inbox = em.createNamedQuery(Folder.BY_MAILBOX_AND_NAME, Folder.class)
                .setParameter("mailboxId", mailbox.get().getId())
                .setParameter("name", Folder.INBOX)
                .getSingleResult();
        return new Resolution(new InboxPlacement(intake, content, recipient, scope, mailbox.get().getTenantId(),
                mailbox.get().getAddress(), inbox.getId()), null, null);
    }
}
