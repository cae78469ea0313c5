package fr.mssante.connector.server;

import java.time.Duration;
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
 * <p>When every permit is taken, or when the executor refuses the task, the call is not queued: it is
 * answered at once with {@link Outcomes#busy()}. Waiting is not an option: the event loop must not
 * block, and an unbounded queue of calls would defeat the bound.
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

    private final Executor workers;
    private final int maxConcurrentCalls;
    private final Semaphore permits;
    private final ListenerScope<L, R> scope;
    private final Outcomes<R> outcomes;

    public BoundedListenerInvoker(Executor workers, int maxConcurrentCalls, ListenerScope<L, R> scope,
                                  Outcomes<R> outcomes) {
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("maxConcurrentCalls must be positive: " + maxConcurrentCalls);
        }
        this.workers = workers;
        this.maxConcurrentCalls = maxConcurrentCalls;
        this.permits = new Semaphore(maxConcurrentCalls);
        this.scope = scope;
        this.outcomes = outcomes;
    }

    @Override
    public CompletionStage<R> invoke(Function<L, R> call) {
        if (!permits.tryAcquire()) {
            LOG.warning("All " + maxConcurrentCalls + " listener workers are busy");
            return CompletableFuture.completedFuture(outcomes.busy());
        }
        CompletableFuture<R> result = new CompletableFuture<>();
        try {
            workers.execute(() -> run(call, result));
        } catch (RejectedExecutionException e) {
            permits.release();
            LOG.log(Level.WARNING, "Worker pool refused a listener call", e);
            result.complete(outcomes.busy());
        }
        return result;
    }

    private void run(Function<L, R> call, CompletableFuture<R> result) {
        try {
            result.complete(outcomes.accepted(scope.call(call)));
        } catch (Throwable t) {
            result.complete(outcomes.failed(t));
        } finally {
            // Released after complete(): the completion callbacks (spool deletion among them) have run
            // by the time awaitIdle() can see the permit again.
            permits.release();
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
