package fr.mssante.ejb.mailbox;

import fr.mssante.ejb.tenant.ScopeContext;
import fr.mssante.ejb.tenant.TenantScope;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/**
 * The hourly purge of closed mailboxes whose retention is over ({@link MailboxPurger}), on every node.
 * Non-persistent timer: a missed run is simply the next hour's.
 *
 * <p>A timer has no caller to take a scope from, and without one row-level security shows no mailbox
 * (ADR 0011): the purge runs in an explicit system scope, narrow because the purger only ever selects
 * CLOSED mailboxes past their purge date and deletes what belongs to them.
 */
@Singleton
public class MailboxPurge {

    @EJB
    private MailboxPurger purger;

    @Schedule(hour = "*", minute = "23", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void purgeDue() {
        ScopeContext.run(TenantScope.system("closed mailbox purge"), purger::purgeBatch);
    }
}
