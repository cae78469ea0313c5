package fr.mssante.ejb.intake;

import fr.mssante.ejb.cluster.ClusterNode;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Recovery from node loss within a minute (ADR 0024). A message's delivery request lives in the broker
 * journal of the node that accepted it ({@code intake_message.queued_on}); when that node dies, the request
 * is out of reach until the node restarts, maybe never. Every 5 seconds, each live node takes over a batch
 * of QUEUED messages whose node has not beaten for {@code mssante.cluster.node-dead-after} (or is no longer
 * listed): it names itself in {@code queued_on} and puts a new request on its own broker, in one
 * transaction. {@code FOR UPDATE SKIP LOCKED} shares the work between survivors and leaves alone a message
 * being delivered right now (delivery holds its row lock). A dead node that comes back replays its journal:
 * delivery is idempotent (the intake row, locked, says DELIVERED), so nothing is delivered twice.
 */
@Stateless
public class DeadNodeTakeover {

    private static final Logger LOG = Logger.getLogger(DeadNodeTakeover.class.getName());
    private static final int BATCH = 500;

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    @EJB
    private ClusterNode node;

    @EJB
    private IntakeService intake;

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    void takeOverDeadNodes() {
        if (!node.mayJudgeOthers()) {
            return;
        }
        int taken = requeueOrphans();
        if (taken > 0) {
            LOG.warning(() -> taken + " accepted messages waited on a dead node's broker: requeued on incarnation "
                    + node.incarnation());
        }
    }

    /** @return how many messages this node took over (at most one batch) */
    int requeueOrphans() {
        UUID me = node.incarnation();
        @SuppressWarnings("unchecked")
        List<Object[]> orphans = em.createNativeQuery("""
                        SELECT CAST(i.id AS text), i.queue_id FROM intake_message i
                        WHERE i.status = 'QUEUED' AND i.queued_on IS DISTINCT FROM ?1
                          AND NOT EXISTS (SELECT 1 FROM cluster_node n WHERE n.incarnation = i.queued_on
                                          AND n.last_seen >= now() - make_interval(secs => ?2))
                        ORDER BY i.received_at LIMIT ?3
                        FOR UPDATE OF i SKIP LOCKED""")
                .setParameter(1, me).setParameter(2, node.deadAfter().toSeconds()).setParameter(3, BATCH)
                .getResultList();
        for (Object[] row : orphans) {
            UUID id = UUID.fromString((String) row[0]);
            em.createNativeQuery("UPDATE intake_message SET queued_on = ?1, enqueued_at = now() WHERE id = ?2")
                    .setParameter(1, me).setParameter(2, id).executeUpdate();
            intake.requestDelivery(id, (String) row[1]);
        }
        return orphans.size();
    }
}
