package fr.mssante.ejb.metrics;

import fr.mssante.ejb.tenant.ScopeContext;
import fr.mssante.ejb.tenant.TenantScope;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code mssante_queue_depth} and {@code mssante_queue_oldest_seconds} per queue, refreshed every 30 s
 * by a timer rather than at each scrape: a scrape costs nothing and the database sees two aggregate
 * queries per node and period. Every node of a cluster reports the same shared queues: dashboards and
 * alerts take the max over instances. The broker's own queues (delivery requests, dead letters) come
 * from WildFly's messaging metrics.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class QueueGauges {

    static final String DEPTH = "mssante.queue.depth";
    static final String OLDEST = "mssante.queue.oldest.seconds";

    private static final Logger LOG = Logger.getLogger(QueueGauges.class.getName());
    private static final TenantScope SCOPE = TenantScope.system("metrics");

    @Inject
    private MeterRegistry registry;

    @EJB
    private QueueStatistics statistics;

    /** Held here: the registry keeps only a weak reference to a gauge's object. */
    private final Map<String, QueueStatistics.QueueState> latest = new ConcurrentHashMap<>();

    @PostConstruct
    void registerGauges() {
        for (String queue : new String[] {"intake", "relay"}) {
            latest.put(queue, new QueueStatistics.QueueState(queue, 0, 0));
            registry.gauge(DEPTH, Tags.of("queue", queue), latest, states -> states.get(queue).depth());
            registry.gauge(OLDEST, Tags.of("queue", queue), latest, states -> states.get(queue).oldestSeconds());
        }
    }

    @Schedule(hour = "*", minute = "*", second = "*/30", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void refresh() {
        try {
            for (QueueStatistics.QueueState state : ScopeContext.call(SCOPE, statistics::read)) {
                latest.put(state.queue(), state);
            }
        } catch (RuntimeException e) {
            // The last values stay; the datasource metrics and the logs tell the database is in trouble.
            LOG.log(Level.WARNING, "cannot read the queue statistics", e);
        }
    }
}
