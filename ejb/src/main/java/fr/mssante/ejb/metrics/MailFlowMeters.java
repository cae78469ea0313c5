package fr.mssante.ejb.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Duration;

/**
 * What happens to messages, as counters: accepted over SMTP, delivered to mailboxes, relayed to other
 * operators, and authentications. Each is counted when the transaction that did it commits, so a message
 * whose delivery rolls back (and is redelivered by the broker) counts once.
 */
@ApplicationScoped
public class MailFlowMeters {

    static final String ACCEPTED = "mssante.messages.accepted";
    static final String DELIVERED = "mssante.messages.delivered";
    static final String RELAYED = "mssante.messages.relayed";
    static final String DELIVERY = "mssante.delivery";
    static final String AUTHENTICATIONS = "mssante.authentications";

    /** From acceptance to the mailbox: seconds normally, minutes behind a backlog or an outage. */
    private static final Duration[] DELIVERY_BUCKETS = {
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1)};

    @Inject
    private MeterRegistry registry;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    private MeterCache meters;
    private LatencyHistogram deliveryLatency;

    @PostConstruct
    void registerMeters() {
        meters = new MeterCache(registry);
        deliveryLatency = new LatencyHistogram(meters, DELIVERY, DELIVERY_BUCKETS);
    }

    /**
     * Series that exist before their first event, so that rate() and the dashboards see 0, not "no data".
     * Called at deployment ({@link MetricsStartup}): this bean is otherwise created at its first use.
     */
    public void exposeKnownSeries() {
        for (String service : new String[] {"mx", "submission"}) {
            accepted(service, 0);
        }
        for (String outcome : new String[] {"delivered", "failed"}) {
            delivered(outcome, 0);
        }
        for (String outcome : new String[] {"sent", "failed", "expired"}) {
            relayed(outcome, 0);
        }
    }

    /** A message taken responsibility for with 250 at the end of data (RFC 5321 section 4.1.1.4). */
    public void accepted(String service) {
        afterCommit(() -> accepted(service, 1));
    }

    private void accepted(String service, int count) {
        meters.counter(ACCEPTED, "service", service).increment(count);
    }

    /**
     * The outcome for one hosted recipient.
     *
     * @param outcome {@code delivered} or {@code failed} (mailbox closed or suspended since RCPT)
     */
    public void delivered(String outcome) {
        afterCommit(() -> delivered(outcome, 1));
    }

    private void delivered(String outcome, int count) {
        meters.counter(DELIVERED, "outcome", outcome).increment(count);
    }

    /** A message's delivery to its hosted recipients ended, {@code latency} after its acceptance. */
    public void deliveryLatency(Duration latency) {
        afterCommit(() -> deliveryLatency.record(latency.isNegative() ? 0 : latency.toNanos()));
    }

    /**
     * The final outcome for one recipient at another operator.
     *
     * @param outcome {@code sent}, {@code failed} (permanent) or {@code expired} (temporary failures until
     *                {@code mssante.relay.expire-after})
     */
    public void relayed(String outcome) {
        afterCommit(() -> relayed(outcome, 1));
    }

    private void relayed(String outcome, int count) {
        meters.counter(RELAYED, "outcome", outcome).increment(count);
    }

    /**
     * @param service   {@code submission} or {@code imap}
     * @param mechanism the SASL mechanism (LOGIN also for IMAP LOGIN)
     * @param outcome   {@code success}, {@code rejected}, {@code locked} or {@code disabled}
     */
    public void authentication(String service, String mechanism, String outcome) {
        // Not after commit: a failure is recorded whatever its transaction does, like the throttle.
        meters.counter(AUTHENTICATIONS, "service", service, "mechanism", mechanism, "outcome", outcome).increment();
    }

    private void afterCommit(Runnable count) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            count.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    count.run();
                }
            }
        });
    }
}
