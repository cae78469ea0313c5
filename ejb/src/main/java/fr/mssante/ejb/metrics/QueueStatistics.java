package fr.mssante.ejb.metrics;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;

/**
 * Depth and oldest age of the durable queues, from the tables that are their source of truth: accepted
 * messages not yet delivered ({@code intake_message} QUEUED, partial index {@code intake_message_queued})
 * and recipients waiting for the relay ({@code relay_recipient} QUEUED). Two aggregate queries; the relay
 * tables have row-level security, so the caller runs this in a system scope.
 */
@Stateless
public class QueueStatistics {

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    public List<QueueState> read() {
        return List.of(
                state("intake", "SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(received_at)), 0) "
                        + "FROM intake_message WHERE status = 'QUEUED'"),
                state("relay", "SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(m.received_at)), 0) "
                        + "FROM relay_recipient r JOIN relay_message m ON m.id = r.relay_message_id "
                        + "WHERE m.state = 'QUEUED' AND r.status = 'QUEUED'"));
    }

    private QueueState state(String queue, String sql) {
        Object[] row = (Object[]) em.createNativeQuery(sql).getSingleResult();
        return new QueueState(queue, ((Number) row[0]).longValue(), ((Number) row[1]).doubleValue());
    }

    /** @param oldestSeconds age of the oldest entry, 0 when the queue is empty */
    public record QueueState(String queue, long depth, double oldestSeconds) {
    }
}
