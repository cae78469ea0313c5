package fr.mssante.ejb.intake;

import fr.mssante.ejb.cluster.ClusterNode;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Safety net for the one window where PostgreSQL (the one-phase last resource, ADR 0002) committed an
 * accepted message but the server died before Artemis committed its delivery request: such a message
 * would stay QUEUED with nothing to deliver it. Every minute, messages still QUEUED long after their
 * last request get a new one. Delivery is idempotent, so a request for a message that was merely slow
 * (broker backlog, database outage with redelivery backoff) costs nothing but a no-op.
 *
 * <p>Since ADR 0024 the loss of a node is {@link DeadNodeTakeover}'s job, within a minute; this sweep stays
 * as the last safety net for what no dead node explains (a request gone to the dead-letter queue, a bug).
 */
@Singleton
public class IntakeSweeper {

    private static final Logger LOG = Logger.getLogger(IntakeSweeper.class.getName());
    /** Longer than the broker's redelivery backoff cap (5 min), so normal retries are left alone. */
    private static final String STALE_AFTER = "15 minutes";
    private static final int BATCH = 500;

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    @EJB
    private IntakeService intake;

    @EJB
    private ClusterNode node;

    @Schedule(hour = "*", minute = "*", persistent = false)
    void requeueStale() {
        @SuppressWarnings("unchecked")
        List<Object[]> stale = em.createNativeQuery("SELECT CAST(id AS text), queue_id FROM intake_message "
                        + "WHERE status = 'QUEUED' AND enqueued_at < now() - CAST('" + STALE_AFTER + "' AS interval) "
                        + "ORDER BY enqueued_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED")
                .getResultList();
        for (Object[] row : stale) {
            UUID id = UUID.fromString((String) row[0]);
            em.createNativeQuery("UPDATE intake_message SET enqueued_at = now(), queued_on = ?2 WHERE id = ?1")
                    .setParameter(1, id).setParameter(2, node.incarnation()).executeUpdate();
            intake.requestDelivery(id, (String) row[1]);
        }
        if (!stale.isEmpty()) {
            LOG.warning(() -> stale.size() + " accepted messages had no pending delivery request: requeued");
        }
    }
}
