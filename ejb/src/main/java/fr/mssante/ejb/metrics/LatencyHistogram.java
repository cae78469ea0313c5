package fr.mssante.ejb.metrics;

import io.micrometer.core.instrument.Counter;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A latency distribution Prometheus can take quantiles of, through the registry calls WildFly exports
 * ({@link MeterCache}): a timer gives {@code <name>_seconds_count}, {@code _sum} and {@code _max}, and
 * counters {@code <name>_latency_total{le="..."}} are the cumulative buckets of a Prometheus histogram
 * ({@code le} in seconds, {@code +Inf} included), so that
 * {@code histogram_quantile(0.95, sum by (le) (rate(<name>_latency_total[5m])))} works as on a native
 * histogram. Every bucket of a label combination is created at its first record, at zero, so that a
 * bucket's first increment is a visible change to {@code rate()}. A record costs one look-up, one timer
 * update and one add per bucket the value falls under.
 */
final class LatencyHistogram {

    private final MeterCache meters;
    private final String name;
    private final double[] bounds;
    private final String[] labels;
    private final Map<String, Counter[]> buckets = new ConcurrentHashMap<>();

    /** @param bounds bucket upper bounds, ascending */
    LatencyHistogram(MeterCache meters, String name, Duration... bounds) {
        this.meters = meters;
        this.name = name;
        this.bounds = Arrays.stream(bounds).mapToDouble(b -> b.toNanos() / 1e9).toArray();
        this.labels = new String[bounds.length + 1];
        for (int i = 0; i < this.bounds.length; i++) {
            labels[i] = Double.toString(this.bounds[i]);
        }
        labels[bounds.length] = "+Inf";
    }

    /** @param tags label names and values, alternating (never {@code le}) */
    void record(long nanos, String... tags) {
        meters.timer(name, tags).record(Duration.ofNanos(nanos));
        Counter[] counters = buckets.computeIfAbsent(String.join("\0", tags), key -> bucketsOf(tags));
        double seconds = nanos / 1e9;
        for (int i = counters.length - 1; i >= 0 && (i == bounds.length || seconds <= bounds[i]); i--) {
            counters[i].increment();
        }
    }

    private Counter[] bucketsOf(String... tags) {
        Counter[] counters = new Counter[labels.length];
        String[] bucketTags = Arrays.copyOf(tags, tags.length + 2);
        bucketTags[tags.length] = "le";
        for (int i = 0; i < labels.length; i++) {
            bucketTags[tags.length + 1] = labels[i];
            counters[i] = meters.counter(name + ".latency", bucketTags);
        }
        return counters;
    }
}
