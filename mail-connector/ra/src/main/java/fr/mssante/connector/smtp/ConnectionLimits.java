package fr.mssante.connector.smtp;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the open connections of one listener, in total and per client address. Thread-safe. */
final class ConnectionLimits {

    enum Admission { ADMITTED, TOO_MANY, TOO_MANY_FROM_ADDRESS }

    private final int maxConnections;
    private final int maxPerAddress;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

    ConnectionLimits(int maxConnections, int maxPerAddress) {
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
    }

    /** Counts a new connection if the limits allow it; only an admitted connection must be {@link #release}d. */
    Admission admit(InetAddress client) {
        if (total.incrementAndGet() > maxConnections) {
            total.decrementAndGet();
            return Admission.TOO_MANY;
        }
        if (perAddress.merge(client, 1, Integer::sum) > maxPerAddress) {
            release(client);
            return Admission.TOO_MANY_FROM_ADDRESS;
        }
        return Admission.ADMITTED;
    }

    void release(InetAddress client) {
        perAddress.computeIfPresent(client, (address, count) -> count == 1 ? null : count - 1);
        total.decrementAndGet();
    }
}
