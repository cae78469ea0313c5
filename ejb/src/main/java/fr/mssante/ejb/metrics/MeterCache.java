package fr.mssante.ejb.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meters by name and label values, registered once. WildFly's registry for a deployment forwards only the
 * registry's convenience methods ({@code counter(name, tags)}, {@code timer(name, tags)},
 * {@code gauge(...)}) to the registry that Prometheus reads; a meter built with {@code Counter.builder(...)
 * .register(registry)} stays in the deployment's own registry and is never exported (ADR 0026). Each of
 * those calls searches the registry, which the hot paths (every SMTP transaction, every IMAP command) must
 * not pay: hence the cache.
 */
final class MeterCache {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    MeterCache(MeterRegistry registry) {
        this.registry = registry;
    }

    /** @param tags label names and values, alternating */
    Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(key(name, tags), key -> registry.counter(name, Tags.of(tags)));
    }

    /** A timer without buckets: count, sum and max ({@link LatencyHistogram} adds the buckets). */
    Timer timer(String name, String... tags) {
        return timers.computeIfAbsent(key(name, tags), key -> registry.timer(name, Tags.of(tags)));
    }

    private static String key(String name, String... tags) {
        return name + '\0' + String.join("\0", tags);
    }
}
