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
 * starts as soon as a running call finishes; {@value #WAITING_PER_WORKER} waiting calls per worker
 * absorb bursts, e.g. 32 clients each starting their next command the moment their previous reply
 * leaves, before the worker that produced it has given its permit back. Only when that queue is full,
 * or the executor refuses the task, is the call answered at once with {@link Outcomes#busy()}.
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

    /** Queued calls allowed per worker before saturation is answered {@code busy}. */
    public static final int WAITING_PER_WORKER = 4;

    /** A call waiting for a worker. */
    private record Waiting<L, R>(Function<L, R> call, CompletableFuture<R> result) {
    }

    private final Executor workers;
    private final int maxConcurrentCalls;
    private final int maxWaitingCalls;
    private final Semaphore permits;
    /** Guarded by {@code this}, together with permit hand-over. */
    private final Deque<Waiting<L, R>> waiting = new ArrayDeque<>();
    private final ListenerScope<L, R> scope;
    private final Outcomes<R> outcomes;

    public BoundedListenerInvoker(Executor workers, int maxConcurrentCalls, ListenerScope<L, R> scope,
                                  Outcomes<R> outcomes) {
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("maxConcurrentCalls must be positive: " + maxConcurrentCalls);
        }
        this.workers = workers;
        this.maxConcurrentCalls = maxConcurrentCalls;
        this.maxWaitingCalls = WAITING_PER_WORKER * maxConcurrentCalls;
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
                    waiting.add(new Waiting<>(call, result));
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

    /** Hands the permit to the oldest waiting call, or gives it back. */
    private void release() {
        Waiting<L, R> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                permits.release();
                return;
            }
        }
        start(next.call(), next.result());
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
