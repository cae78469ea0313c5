package fr.mssante.ejb.mailbox;

import fr.mssante.ejb.admin.Versioned;
import fr.mssante.ejb.audit.AuditAction;
import fr.mssante.ejb.audit.AuditPublisher;
import fr.mssante.ejb.tenant.CanonicalAddress;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ACTIVE → SUSPENDED → CLOSED, and back to ACTIVE (ADR 0012).
 *
 * <ul>
 *   <li>SUSPENDED: logins refused, new mail refused temporarily at RCPT ({@code 450 4.2.1}) so that
 *   senders retry; what the mailbox holds is untouched.</li>
 *   <li>CLOSED: logins refused, new mail refused permanently ({@code 550 5.1.1}); the content is purged
 *   after {@code mssante.mailbox.closed-retention-days} ({@link MailboxPurge}). Reactivating before
 *   then gives everything back.</li>
 * </ul>
 */
@Stateless
public class MailboxLifecycle {

    /** Property naming how long a closed mailbox's content is kept. */
    public static final String RETENTION_PROPERTY = "mssante.mailbox.closed-retention-days";
    static final int DEFAULT_RETENTION_DAYS = 90;

    private static final Map<MailboxStatus, Set<MailboxStatus>> ALLOWED = Map.of(
            MailboxStatus.ACTIVE, Set.of(MailboxStatus.SUSPENDED, MailboxStatus.CLOSED),
            MailboxStatus.SUSPENDED, Set.of(MailboxStatus.ACTIVE, MailboxStatus.CLOSED),
            MailboxStatus.CLOSED, Set.of(MailboxStatus.ACTIVE));
    private static final Map<MailboxStatus, AuditAction> ACTIONS = Map.of(
            MailboxStatus.ACTIVE, AuditAction.MAILBOX_REACTIVATED,
            MailboxStatus.SUSPENDED, AuditAction.MAILBOX_SUSPENDED,
            MailboxStatus.CLOSED, AuditAction.MAILBOX_CLOSED);

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    @EJB
    private MailboxService mailboxes;

    @EJB
    private AuditPublisher audit;

    /**
     * @param reason the administrator's words, kept in the audit trail; may be null
     * @throws MailboxException CONFLICT when the mailbox cannot go from its status to {@code next}
     */
    public Versioned<MailboxView> change(CanonicalAddress address, MailboxStatus next, String reason, String actor) {
        Mailbox m = mailboxes.existing(address);
        if (!ALLOWED.get(m.getStatus()).contains(next)) {
            throw new MailboxException(MailboxException.Reason.CONFLICT,
                    "mailbox " + address + " is " + m.getStatus() + ": it cannot become " + next);
        }
        if (next == MailboxStatus.ACTIVE && m.getPurgedAt() != null) {
            throw new MailboxException(MailboxException.Reason.CONFLICT,
                    "mailbox " + address + " was closed and purged on " + m.getPurgedAt() + ": it cannot be reactivated");
        }
        OffsetDateTime now = OffsetDateTime.now();
        m.changeStatus(next, now, now.plusDays(retentionDays()));
        em.flush();
        audit.publish(ACTIONS.get(next), actor, m.getTenantId(), null, null, List.of(m.getAddress()), "OK",
                reason == null ? null : "reason=" + reason);
        return new Versioned<>(mailboxes.view(m), m.getVersion());
    }

    static int retentionDays() {
        return Integer.getInteger(RETENTION_PROPERTY, DEFAULT_RETENTION_DAYS);
    }
}
