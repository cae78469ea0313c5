package fr.mssante.ejb.metrics;

import fr.mssante.connector.api.metrics.MailMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connector's events as Micrometer meters. Called on the adapter's event loops: meters are looked up
 * once per label combination and cached, so an event costs a map read and an atomic add.
 */
public final class ConnectorMeters implements MailMetrics {

    static final String CONNECTIONS = "mssante.connections";
    static final String CONNECTIONS_OPEN = "mssante.connections.open";
    static final String SMTP_SESSIONS = "mssante.smtp.sessions";
    static final String SMTP_TRANSACTIONS = "mssante.smtp.transactions";
    static final String IMAP_COMMANDS = "mssante.imap.commands";

    /** Latency buckets for IMAP commands: from a cached FETCH to a large APPEND or SEARCH. */
    private static final Duration[] IMAP_BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final MeterCache counters;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

    public ConnectorMeters(MeterRegistry registry) {
        this.registry = registry;
        this.counters = new MeterCache(registry);
    }

    @Override
    public void connectionOpened(String service, String admission) {
        counter(CONNECTIONS, "Connections to the mail listeners, by admission", "service", service,
                "admission", admission).increment();
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
        counter(SMTP_SESSIONS, "SMTP sessions ended, by how they ended", "service", service,
                "outcome", outcome).increment();
    }

    @Override
    public void smtpTransactionEnded(String service, String outcome, String reason) {
        counter(SMTP_TRANSACTIONS, "SMTP mail transactions ended at the end of data, by reply", "service", service,
                "outcome", outcome, "reason", reason).increment();
    }

    @Override
    public void imapCommand(String command, String status, long nanos) {
        timers.computeIfAbsent(command + '\0' + status, key -> Timer.builder(IMAP_COMMANDS)
                        .description("IMAP commands, from the complete command to its tagged response")
                        .tags("command", command, "status", status)
                        .serviceLevelObjectives(IMAP_BUCKETS)
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private AtomicInteger openConnections(String service) {
        return open.computeIfAbsent(service, s -> {
            AtomicInteger count = new AtomicInteger();
            Gauge.builder(CONNECTIONS_OPEN, count, AtomicInteger::get)
                    .description("Connections open now on the mail listeners of this node")
                    .tag("service", s)
                    .register(registry);
            return count;
        });
    }

    private Counter counter(String name, String description, String... tags) {
        return counters.counter(name, description, tags);
    }
}
