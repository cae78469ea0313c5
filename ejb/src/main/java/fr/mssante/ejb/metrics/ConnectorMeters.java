package fr.mssante.ejb.metrics;

import fr.mssante.connector.api.metrics.MailMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connector's events as Micrometer meters. Called on the adapter's event loops: meters are looked up
 * once per label combination and cached ({@link MeterCache}), so an event costs a map read and atomic adds.
 */
public final class ConnectorMeters implements MailMetrics {

    static final String CONNECTIONS = "mssante.connections";
    static final String CONNECTIONS_OPEN = "mssante.connections.open";
    static final String SMTP_SESSIONS = "mssante.smtp.sessions";
    static final String SMTP_TRANSACTIONS = "mssante.smtp.transactions";
    static final String IMAP_COMMANDS = "mssante.imap.commands";

    /** From a FETCH of flags to a large SEARCH. */
    private static final Duration[] IMAP_BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final MeterCache meters;
    private final LatencyHistogram imapLatency;
    /** Held here: the registry keeps only a weak reference to a gauge's object. */
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

    public ConnectorMeters(MeterRegistry registry) {
        this.registry = registry;
        this.meters = new MeterCache(registry);
        this.imapLatency = new LatencyHistogram(meters, IMAP_COMMANDS, IMAP_BUCKETS);
    }

    @Override
    public void connectionOpened(String service, String admission) {
        meters.counter(CONNECTIONS, "service", service, "admission", admission).increment();
        if ("admitted".equals(admission)) {
            openConnections(service).incrementAndGet();
        }
    }

    @Override
    public void connectionClosed(String service) {
        openConnections(service).decrementAndGet();
    }

    @Override
    public void smtpSessionEnded(String service, String outcome) {
        meters.counter(SMTP_SESSIONS, "service", service, "outcome", outcome).increment();
    }

    @Override
    public void smtpTransactionEnded(String service, String outcome, String reason) {
        meters.counter(SMTP_TRANSACTIONS, "service", service, "outcome", outcome, "reason", reason).increment();
    }

    @Override
    public void imapCommand(String command, String status, long nanos) {
        imapLatency.record(nanos, "command", command, "status", status);
    }

    private AtomicInteger openConnections(String service) {
        return open.computeIfAbsent(service, s -> {
            AtomicInteger count = new AtomicInteger();
            registry.gauge(CONNECTIONS_OPEN, Tags.of("service", s), count, AtomicInteger::get);
            return count;
        });
    }
}
