package fr.mssante.ejb.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.time.Duration;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * This node's incarnation in the cluster (ADR 0024): a fresh id per start, a heartbeat row in PostgreSQL
 * every {@link ClusterSettings#HEARTBEAT}. Other nodes read the heartbeat to decide whether this node's
 * broker journal (the delivery requests of the messages it accepted) is still being worked on.
 *
 * <p>A node judges others only after its own heartbeat has succeeded for a whole
 * {@link ClusterSettings#deadAfter()}: after a database outage every heartbeat is old, and a node that
 * judged at once would take over the work of nodes that are merely reconnecting.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ClusterNode {

    private static final Logger LOG = Logger.getLogger(ClusterNode.class.getName());
    private static final ClusterSettings SETTINGS = ClusterSettings.fromSystemProperties();

    private final UUID incarnation = UUID.randomUUID();
    /** Since when every heartbeat succeeded (System.nanoTime()); null after a failed one. */
    private volatile Long beatingSince;

    @EJB
    private NodeRegistry registry;

    @PostConstruct
    void register() {
        if (registry.othersAliveNamed(SETTINGS.nodeName(), incarnation, SETTINGS.deadAfter()) > 0) {
            // Each node's transaction recovery claims the in-doubt transactions of its node-identifier only.
            LOG.warning(() -> "another running node is named " + SETTINGS.nodeName() + ": the transactions "
                    + "node-identifier (jboss.tx.node.id / MSSANTE_NODE_ID) must be unique per node (ADR 0024), "
                    + "unless this node restarted within " + SETTINGS.deadAfter().toSeconds() + " s of a crash");
        }
        registry.beat(incarnation, SETTINGS.nodeName());
        beatingSince = System.nanoTime();
        LOG.info(() -> "cluster node " + SETTINGS.nodeName() + " started as incarnation " + incarnation
                + " (dead after " + SETTINGS.deadAfter().toSeconds() + " s without heartbeat)");
    }

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    void heartbeat() {
        try {
            registry.beat(incarnation, SETTINGS.nodeName());
            if (beatingSince == null) {
                beatingSince = System.nanoTime();
                LOG.info("cluster heartbeat restored");
            }
            registry.forgetLongDead();
        } catch (RuntimeException e) {
            if (beatingSince != null) {
                LOG.warning("cluster heartbeat failed, this node stops judging others until it beats again: " + e);
            }
            beatingSince = null;
        }
    }

    /** The id of this start of the node: the value of {@code intake_message.queued_on} for its requests. */
    public UUID incarnation() {
        return incarnation;
    }

    public Duration deadAfter() {
        return SETTINGS.deadAfter();
    }

    /** Whether this node's own heartbeat has been current long enough to call a silent node dead. */
    public boolean mayJudgeOthers() {
        Long since = beatingSince;
        return since != null && System.nanoTime() - since >= SETTINGS.deadAfter().toNanos();
    }
}
