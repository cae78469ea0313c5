package fr.mssante.ejb.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters by name and label values, registered once: registering builds and sorts an id at each call,
 * which the hot paths (every SMTP transaction, every IMAP command) should not pay.
 */
final class MeterCache {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    MeterCache(MeterRegistry registry) {
        this.registry = registry;
    }

    MeterRegistry registry() {
        return registry;
    }

    /** @param tags label names and values, alternating */
    Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(name + '\0' + String.join("\0", tags),
                key -> Counter.builder(name).description(description).tags(tags).register(registry));
    }
}
