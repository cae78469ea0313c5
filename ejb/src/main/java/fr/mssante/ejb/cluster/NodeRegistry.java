package fr.mssante.ejb.cluster;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.util.UUID;

/** The {@code cluster_node} table (V11): heartbeats, and forgetting incarnations long dead. */
@Stateless
public class NodeRegistry {

    /** How long a dead incarnation stays listed, for operators looking at a recent crash. */
    private static final String FORGET_AFTER = "1 day";

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    /**
     * Records that {@code incarnation} is alive now (the database's clock, the one every node compares
     * with). An upsert: the first beat registers the incarnation, and one forgotten meanwhile comes back.
     */
    public void beat(UUID incarnation, String nodeName) {
        em.createNativeQuery("INSERT INTO cluster_node (incarnation, node_name) VALUES (?1, ?2) "
                        + "ON CONFLICT (incarnation) DO UPDATE SET last_seen = now()")
                .setParameter(1, incarnation).setParameter(2, nodeName).executeUpdate();
    }

    /**
     * How many other incarnations named {@code nodeName} beat within {@code deadAfter}: more than none means two
     * running nodes share a transactions node-identifier (or this node restarted within that delay).
     */
    public long othersAliveNamed(String nodeName, UUID incarnation, Duration deadAfter) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM cluster_node WHERE node_name = ?1 "
                        + "AND incarnation <> ?2 AND last_seen >= now() - make_interval(secs => ?3)")
                .setParameter(1, nodeName).setParameter(2, incarnation).setParameter(3, deadAfter.toSeconds())
                .getSingleResult()).longValue();
    }

    /** Forgets incarnations silent for a day that hold no queued message any more. */
    public int forgetLongDead() {
        return em.createNativeQuery("DELETE FROM cluster_node n WHERE n.last_seen < now() - CAST('" + FORGET_AFTER
                        + "' AS interval) AND NOT EXISTS (SELECT 1 FROM intake_message i "
                        + "WHERE i.status = 'QUEUED' AND i.queued_on = n.incarnation)")
                .executeUpdate();
    }
}
