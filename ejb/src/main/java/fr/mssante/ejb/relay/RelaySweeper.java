package fr.mssante.ejb.relay;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import fr.mssante.ejb.tenant.ScopeContext;

/**
 * The durable trigger of the relay queue, on every node: every 15 seconds, a wake-up for each domain with due
 * recipients (retries whose time has come, a wake-up lost in a crash, the leases of a dead node), and QUIT to
 * the connections idle for too long. The database decides what is due, so any node takes over any work.
 * Non-persistent timer: a missed tick is the next one.
 */
@Singleton
public class RelaySweeper {

    @EJB
    private RelayStore store;

    @EJB
    private RelayNode node;

    @Schedule(hour = "*", minute = "*", second = "*/15", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void sweep() {
        ScopeContext.run(RelayQueueService.SCOPE, store::wakeDueDomains);
        node.pool().closeIdle();
    }
}
