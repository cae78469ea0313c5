package fr.mssante.connector.smtp;

import fr.mssante.connector.api.smtp.SmtpListener;
import fr.mssante.connector.api.smtp.SmtpReply;

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
 * {@code maxConcurrentCalls} calls in flight.
 *
 * <p>When every permit is taken, or when the executor refuses the task, the call is not queued: it is
 * answered at once with {@link SmtpReplies#BUSY} ({@code 451 4.3.0}). A 451 keeps the session and its
 * state consistent (the recipient is simply not added, or the message is not accepted) and every
 * SMTP client retries it later; the alternative, 421 and disconnection, would throw away the rest of a
 * pipelined batch for a condition that usually lasts milliseconds. Waiting is not an option either: the
 * event loop must not block, and an unbounded queue of calls would defeat the bound.
 *
 * <p>Every exception or error thrown by the listener (an {@code EJBException}, a rolled back
 * transaction, the database being down) becomes {@link SmtpReplies#LOCAL_ERROR} ({@code 451 4.3.0}):
 * the client keeps the message and tries again, so accepted mail is never lost.
 */
public final class BoundedListenerInvoker implements ListenerInvoker {

    private static final Logger LOG = Logger.getLogger(BoundedListenerInvoker.class.getName());

    private final Executor workers;
    private final int maxConcurrentCalls;
    private final Semaphore permits;
    private final ListenerScope scope;

    public BoundedListenerInvoker(Executor workers, int maxConcurrentCalls, ListenerScope scope) {
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("maxConcurrentCalls must be positive: " + maxConcurrentCalls);
        }
        this.workers = workers;
        this.maxConcurrentCalls = maxConcurrentCalls;
        this.permits = new Semaphore(maxConcurrentCalls);
        this.scope = scope;
    }

    @Override
    public CompletionStage<SmtpReply> invoke(Function<SmtpListener, SmtpReply> call) {
        if (!permits.tryAcquire()) {
            LOG.warning("All " + maxConcurrentCalls + " listener workers are busy; answering " + SmtpReplies.BUSY);
            return CompletableFuture.completedFuture(SmtpReplies.BUSY);
        }
        CompletableFuture<SmtpReply> result = new CompletableFuture<>();
        try {
            workers.execute(() -> run(call, result));
        } catch (RejectedExecutionException e) {
            permits.release();
            LOG.log(Level.WARNING, "Worker pool refused a listener call; answering " + SmtpReplies.BUSY, e);
            result.complete(SmtpReplies.BUSY);
        }
        return result;
    }

    private void run(Function<SmtpListener, SmtpReply> call, CompletableFuture<SmtpReply> result) {
        try {
            result.complete(checked(scope.call(call)));
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "Listener call failed; answering " + SmtpReplies.LOCAL_ERROR, t);
            result.complete(SmtpReplies.LOCAL_ERROR);
        } finally {
            // Released after complete(): the completion callbacks (spool deletion among them) have run
            // by the time awaitIdle() can see the permit again.
            permits.release();
        }
    }

    /** The listener contract allows a final answer only: no reply at all or an intermediate 3xx is a bug. */
    private static SmtpReply checked(SmtpReply reply) {
        if (reply == null || (reply.code() >= 300 && reply.code() < 400)) {
            LOG.warning("Listener returned an invalid reply " + reply + "; answering " + SmtpReplies.LOCAL_ERROR);
            return SmtpReplies.LOCAL_ERROR;
        }
        return reply;
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
