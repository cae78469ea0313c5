package fr.mssante.ejb.cluster;

import fr.mssante.connector.api.Settings;
import fr.mssante.ejb.config.Durations;

import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * How this node is named and when a silent node counts as dead (ADR 0024).
 *
 * @param nodeName  the transactions subsystem's node-identifier ({@code jboss.tx.node.id}, environment
 *                  {@code MSSANTE_NODE_ID}, default {@code mssante-1} as in 50-transactions.cli): the name
 *                  operators see beside each incarnation
 * @param deadAfter {@code mssante.cluster.node-dead-after} ({@code MSSANTE_CLUSTER_NODE_DEAD_AFTER}), default
 *                  20 s: a node whose heartbeat is older is dead and its queued messages are taken over
 */
public record ClusterSettings(String nodeName, Duration deadAfter) {

    /** How often every node writes its heartbeat; {@link ClusterNode}'s schedule says the same. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(5);
    static final String DEAD_AFTER = "mssante.cluster.node-dead-after";
    private static final String DEFAULT_DEAD_AFTER = "20s";

    public static ClusterSettings fromSystemProperties() {
        return from(name -> name.equals("jboss.tx.node.id") ? Settings.configured(name, "MSSANTE_NODE_ID")
                : Settings.configured(name));
    }

    /**
     * @throws IllegalStateException naming the setting when the delay is not a duration or is shorter than
     *                               three heartbeats (one late heartbeat must not make a live node dead)
     */
    static ClusterSettings from(UnaryOperator<String> source) {
        String name = source.apply("jboss.tx.node.id");
        String configured = source.apply(DEAD_AFTER);
        Duration deadAfter = Durations.parse(configured == null || configured.isBlank() ? DEFAULT_DEAD_AFTER : configured,
                DEAD_AFTER);
        if (deadAfter.compareTo(HEARTBEAT.multipliedBy(3)) < 0) {
            throw new IllegalStateException(DEAD_AFTER + ": '" + configured + "' is shorter than three heartbeats ("
                    + HEARTBEAT.multipliedBy(3).toSeconds() + "s)");
        }
        return new ClusterSettings(name == null || name.isBlank() ? "mssante-1" : name.strip(), deadAfter);
    }
}
