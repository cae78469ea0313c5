package fr.mssante.ejb.relay.smtp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * This node's connections to peers, per destination (a recipient domain): at most {@code maxPerDestination}
 * in use at once, so a burst for one operator does not open dozens of connections it would throttle
 * (RFC 5321 section 4.5.4.1 asks for restraint), and idle ones kept for reuse until {@code idleTimeout},
 * then closed with QUIT.
 *
 * <p>A connection is keyed by the recipient domain, not the MX host: it was verified against that domain's
 * whitelist entry, which another domain on the same host may not share.
 */
public final class ConnectionPool {

    private final int maxPerDestination;
    private final Duration idleTimeout;
    private final Clock clock;
    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();
    private final Map<String, Deque<Idle>> idle = new ConcurrentHashMap<>();

    private record Idle(SmtpClientConnection connection, Instant since) {
    }

    public ConnectionPool(int maxPerDestination, Duration idleTimeout, Clock clock) {
        if (maxPerDestination < 1) {
            throw new IllegalArgumentException("at least one connection per destination");
        }
        this.maxPerDestination = maxPerDestination;
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    /**
     * The right to talk to {@code destination} now, or empty when this node already has its maximum of
     * connections there: the caller leaves the work to those (the relay worker that holds one keeps taking
     * due recipients until none is left).
     */
    public Optional<Lease> tryAcquire(String destination) {
        Semaphore semaphore = permits.computeIfAbsent(destination, d -> new Semaphore(maxPerDestination));
        return semaphore.tryAcquire() ? Optional.of(new Lease(destination, semaphore)) : Optional.empty();
    }

    /** QUITs the connections idle for longer than the idle timeout; called periodically. */
    public void closeIdle() {
        Instant limit = clock.instant().minus(idleTimeout);
        List<SmtpClientConnection> expired = new ArrayList<>();
        for (Deque<Idle> queue : idle.values()) {
            synchronized (queue) {
                queue.removeIf(i -> {
                    boolean old = i.since().isBefore(limit);
                    if (old) {
                        expired.add(i.connection());
                    }
                    return old;
                });
            }
        }
        expired.forEach(SmtpClientConnection::quit);
    }

    /** QUITs every idle connection (undeployment). */
    public void closeAll() {
        List<SmtpClientConnection> all = new ArrayList<>();
        for (Deque<Idle> queue : idle.values()) {
            synchronized (queue) {
                queue.forEach(i -> all.add(i.connection()));
                queue.clear();
            }
        }
        all.forEach(SmtpClientConnection::quit);
    }

    /** One permit for a destination, with the connection it uses; closing it releases the permit. */
    public final class Lease implements AutoCloseable {

        private final String destination;
        private final Semaphore semaphore;
        private boolean released;

        private Lease(String destination, Semaphore semaphore) {
            this.destination = destination;
            this.semaphore = semaphore;
        }

        /** An idle connection to the destination that still answers RSET, if any. */
        public Optional<SmtpClientConnection> reuse() {
            Deque<Idle> queue = idle.get(destination);
            while (queue != null) {
                Idle candidate;
                synchronized (queue) {
                    candidate = queue.pollFirst();
                }
                if (candidate == null) {
                    break;
                }
                if (candidate.connection().reset()) {
                    return Optional.of(candidate.connection());
                }
            }
            return Optional.empty();
        }

        /** Gives a connection back for reuse (closed instead if it is broken). */
        public void keep(SmtpClientConnection connection) {
            if (connection.isBroken()) {
                return;
            }
            Deque<Idle> queue = idle.computeIfAbsent(destination, d -> new ArrayDeque<>());
            synchronized (queue) {
                queue.addFirst(new Idle(connection, clock.instant()));
            }
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                semaphore.release();
            }
        }
    }
}
