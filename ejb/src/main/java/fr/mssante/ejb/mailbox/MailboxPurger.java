package fr.mssante.ejb.mailbox;

import fr.mssante.ejb.audit.AuditAction;
import fr.mssante.ejb.audit.AuditPublisher;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Empties closed mailboxes whose retention period is over: their messages, app passwords,
 * certificates and delegations go, their folders stay empty; the mailbox row stays, CLOSED and
 * marked purged, as a tombstone so that the address is never given to someone else and the audit
 * trail keeps naming a mailbox that existed. Message bodies shared with other recipients stay (blobs
 * are stored once per content).
 *
 * <p>{@code FOR UPDATE SKIP LOCKED} keeps two nodes from purging the same mailbox.
 */
@Stateless
public class MailboxPurger {

    private static final Logger LOG = Logger.getLogger(MailboxPurger.class.getName());
    private static final String ACTOR = "system:closed-mailbox-purge";
    private static final int BATCH = 100;

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    @EJB
    private AuditPublisher audit;

    /** Purges one batch of due mailboxes, in one transaction; the caller sets the scope (see {@link MailboxPurge}). */
    public void purgeBatch() {
        @SuppressWarnings("unchecked")
        List<UUID> due = em.createNativeQuery("SELECT id FROM mailbox WHERE status = 'CLOSED' "
                        + "AND purged_at IS NULL AND purge_after < now() ORDER BY purge_after LIMIT " + BATCH
                        + " FOR UPDATE SKIP LOCKED", UUID.class)
                .getResultList();
        for (UUID id : due) {
            purge(em.find(Mailbox.class, id));
        }
    }

    private void purge(Mailbox m) {
        em.createNativeQuery("DELETE FROM message WHERE folder_id IN (SELECT id FROM folder WHERE mailbox_id = ?1)")
                .setParameter(1, m.getId()).executeUpdate();
        for (String table : List.of("app_password", "mailbox_certificate", "mailbox_delegation")) {
            em.createNativeQuery("DELETE FROM " + table + " WHERE mailbox_id = ?1").setParameter(1, m.getId())
                    .executeUpdate();
        }
        m.markPurged(OffsetDateTime.now());
        audit.publish(AuditAction.MAILBOX_PURGED, ACTOR, m.getTenantId(), null, null, List.of(m.getAddress()), "OK",
                "closed " + m.getStatusChangedAt());
        LOG.info(() -> "closed mailbox " + m.getAddress() + " purged");
    }
}
