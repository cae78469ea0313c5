package fr.mssante.connector.server;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs listener calls on a worker {@link Executor} (the JCA WorkManager in the container) with at most
 * {@code maxConcurrentCalls} calls in flight; shared by the protocol engines, which only say how a
 * saturated pool or a failed call is answered ({@link Outcomes}).
 *
 * <p>When every permit is taken, the call waits in a bounded queue (never blocking the event loop) and
 * starts as soon as a running call finishes. The queue absorbs bursts: 32 clients each starting their
 * next command the moment their previous reply leaves, or 2,000 IMAP clients logging in at once after a
 * node restart (ADR 0036). Only when that queue is full, or the executor refuses the task, is the call
 * answered at once with {@link Outcomes#busy()}; a call that waited longer than the queue timeout is
 * answered {@code busy} when its turn comes instead of being run late (its client has most likely given
 * up, and running it would only delay the calls queued behind it). Each connection has at most one call
 * in flight, so the queue never holds more calls than there are connections.
 *
 * <p>Every exception or error thrown by the scope or the listener (an {@code EJBException}, a rolled
 * back transaction, the database being down) is handed to {@link Outcomes#failed(Throwable)}.
 *
 * @param <L> the message listener interface
 * @param <R> what the calls return
 */
public class BoundedListenerInvoker<L, R> implements ListenerInvoker<L, R> {

    private static final Logger LOG = Logger.getLogger(BoundedListenerInvoker.class.getName());

    /** How a protocol answers when no call could be made, or when it failed. */
    public interface Outcomes<R> {

        /** No worker available: answered at once, the listener is not called. */
        R busy();

        /** The scope or the listener threw. */
        R failed(Throwable cause);

        /** A chance to refuse a result that breaks the listener contract (null...); identity by default. */
        default R accepted(R result) {
            return result;
        }
    }

    /** Queued calls allowed per worker by {@link Queueing#perWorker}, the tests' and SMTP's historical default. */
    public static final int WAITING_PER_WORKER = 4;

    /**
     * How calls wait for a worker.
     *
     * @param maxWaitingCalls calls allowed to wait before saturation is answered {@code busy}
     * @param timeout         how long a call may wait; beyond it, it is answered {@code busy} when its turn comes
     */
    public record Queueing(int maxWaitingCalls, Duration timeout) {

        public Queueing {
            if (maxWaitingCalls < 0) {
                throw new IllegalArgumentException("maxWaitingCalls must not be negative: " + maxWaitingCalls);
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("queue timeout must be positive: " + timeout);
            }
        }

        /** {@value #WAITING_PER_WORKER} waiting calls per worker, for as long as it takes. */
        public static Queueing perWorker(int maxConcurrentCalls) {
            return new Queueing(WAITING_PER_WORKER * maxConcurrentCalls, Duration.ofDays(1));
        }
    }

    /** A call waiting for a worker since {@code since} ({@link System#nanoTime()}). */
    private record Waiting<L, R>(Function<L, R> call, CompletableFuture<R> result, long since) {
    }

    private final Executor workers;
    private final int maxConcurrentCalls;
    private final int maxWaitingCalls;
    private final long queueTimeoutNanos;
    private final Semaphore permits;
    /** Guarded by {@code this}, together with permit hand-over. */
    private final Deque<Waiting<L, R>> waiting = new ArrayDeque<>();
    private final ListenerScope<L, R> scope;
    private final Outcomes<R> outcomes;

    public BoundedListenerInvoker(Executor workers, int maxConcurrentCalls, ListenerScope<L, R> scope,
                                  Outcomes<R> outcomes) {
        this(workers, maxConcurrentCalls, Queueing.perWorker(maxConcurrentCalls), scope, outcomes);
    }

    public BoundedListenerInvoker(Executor workers, int maxConcurrentCalls, Queueing queueing,
                                  ListenerScope<L, R> scope, Outcomes<R> outcomes) {
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("maxConcurrentCalls must be positive: " + maxConcurrentCalls);
        }
        this.workers = workers;
        this.maxConcurrentCalls = maxConcurrentCalls;
        this.maxWaitingCalls = queueing.maxWaitingCalls();
        this.queueTimeoutNanos = queueing.timeout().toNanos();
        this.permits = new Semaphore(maxConcurrentCalls);
        this.scope = scope;
        this.outcomes = outcomes;
    }

    @Override
    public CompletionStage<R> invoke(Function<L, R> call) {
        CompletableFuture<R> result = new CompletableFuture<>();
        synchronized (this) {
            if (!permits.tryAcquire()) {
                if (waiting.size() >= maxWaitingCalls) {
                    LOG.warning("All " + maxConcurrentCalls + " listener workers are busy and "
                            + maxWaitingCalls + " calls wait: refusing");
                    result.complete(outcomes.busy());
                } else {
                    waiting.add(new Waiting<>(call, result, System.nanoTime()));
                }
                return result;
            }
        }
        start(call, result);
        return result;
    }

    /** Runs a call with a permit already taken. */
    private void start(Function<L, R> call, CompletableFuture<R> result) {
        try {
            workers.execute(() -> run(call, result));
        } catch (RejectedExecutionException e) {
            LOG.log(Level.WARNING, "Worker pool refused a listener call", e);
            result.complete(outcomes.busy());
            release();
        }
    }

    /**
     * Hands the permit to the oldest waiting call that has not waited too long, or gives it back; the
     * calls that waited too long are answered {@code busy} on the way.
     */
    private void release() {
        while (true) {
            Waiting<L, R> next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    permits.release();
                    return;
                }
            }
            if (System.nanoTime() - next.since() <= queueTimeoutNanos) {
                start(next.call(), next.result());
                return;
            }
            LOG.fine("A listener call waited longer than the queue timeout: refusing");
            next.result().complete(outcomes.busy());
        }
    }

    private void run(Function<L, R> call, CompletableFuture<R> result) {
        try {
            result.complete(outcomes.accepted(scope.call(call)));
        } catch (Throwable t) {
            result.complete(outcomes.failed(t));
        } finally {
            // Released after complete(): the completion callbacks (spool deletion among them) have run
            // by the time awaitIdle() can see the permit again.
            release();
        }
    }

    /**
     * Waits until no call is in flight, for a graceful shutdown: the message endpoint factory must not be
     * used after endpoint deactivation returns.
     *
     * @return false if calls were still running when the timeout expired
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        if (permits.tryAcquire(maxConcurrentCalls, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            permits.release(maxConcurrentCalls);
            return true;
        }
        return false;
    }
}
