package fr.mssante.connector.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open connections, in total and per key: the client address for every service, the
 * authenticated user for IMAP. Thread-safe.
 *
 * @param <K> what connections are grouped by
 */
public final class ConnectionLimits<K> {

    public enum Admission { ADMITTED, TOO_MANY, TOO_MANY_FOR_KEY }

    private final int maxConnections;
    private final int maxPerKey;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentMap<K, Integer> perKey = new ConcurrentHashMap<>();

    public ConnectionLimits(int maxConnections, int maxPerKey) {
        this.maxConnections = maxConnections;
        this.maxPerKey = maxPerKey;
    }

    /** Counts a new connection if the limits allow it; only an admitted connection must be {@link #release}d. */
    public Admission admit(K key) {
        if (total.incrementAndGet() > maxConnections) {
            total.decrementAndGet();
            return Admission.TOO_MANY;
        }
        if (perKey.merge(key, 1, Integer::sum) > maxPerKey) {
            release(key);
            return Admission.TOO_MANY_FOR_KEY;
        }
        return Admission.ADMITTED;
    }

    public void release(K key) {
        perKey.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
        total.decrementAndGet();
    }
}
