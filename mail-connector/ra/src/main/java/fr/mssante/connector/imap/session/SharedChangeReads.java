package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.imap.FolderDelta;
import fr.mssante.connector.api.imap.FolderRef;
import fr.mssante.connector.api.imap.ImapListener;
import fr.mssante.connector.server.ListenerInvoker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One {@link ImapListener#changes} call for all the IDLE sessions a folder change wakes up, instead of
 * one per session (ADR 0036): with 2,000 sessions watching one mailbox, one event used to queue 2,000
 * identical reads, most of them answered "busy" and retried a second later.
 *
 * <p>Sessions share a read when they would have made the same call: same principal (the listener checks
 * the principal's rights, so a delegate never sees a read made for someone else), folder, MODSEQ they
 * know, and claim of \Recent. A read is shared only by the sessions that asked before it started: its
 * statement then sees every change whose bus event woke them (events are published after commit). A
 * session that asks once the read has started waits for a new one, or it could miss the change it was
 * told about. The read is submitted {@link #GATHER} after the first request, which lets the wake-up
 * tasks of every session on that folder run first (they are microseconds each on the event loops);
 * that delay is paid once per change and is far below the one-second announcement target.
 *
 * <p>\Recent (RFC 3501 section 2.3.2) goes to exactly one session: the first that joined a claiming read
 * gets {@link FolderDelta#recentUids()}, the others the same delta without it.
 *
 * <p>Thread-safe: sessions ask from their event loops, reads complete on worker threads.
 */
final class SharedChangeReads {

    /** How long the first request of a read waits for the others. */
    static final Duration GATHER = Duration.ofMillis(10);

    /** What makes two sessions' reads the same read. */
    private record Key(String user, String folderId, long sinceModseq, boolean claimRecent) {
    }

    /** A read not started yet, and the sessions waiting for it, in the order they asked. */
    private static final class Read {
        final List<Waiter> waiters = new ArrayList<>();
        FolderDelta delta;
    }

    private record Waiter(Consumer<FolderDelta> then, CompletableFuture<CallOutcome> outcome) {
    }

    private final ListenerInvoker<ImapListener, CallOutcome> invoker;
    /** Reads not started yet; guarded by {@code this}. */
    private final Map<Key, Read> gathering = new HashMap<>();

    SharedChangeReads(ListenerInvoker<ImapListener, CallOutcome> invoker) {
        this.invoker = invoker;
    }

    /**
     * Joins the read of {@code folder}'s changes since {@code sinceModseq} that has not started yet, or
     * starts gathering a new one, submitted through {@code scheduler} after {@link #GATHER}.
     *
     * @param then      what the session does with the delta, run on its event loop by its own
     *                  continuation of the returned outcome
     * @param scheduler a timer of the asking session's event loop
     * @return completes with {@link CallOutcome.Done} running {@code then}, or with the refusal
     */
    CompletionStage<CallOutcome> changes(String user, FolderRef folder, long sinceModseq, boolean claimRecent,
                                         Consumer<FolderDelta> then, Scheduler scheduler) {
        Key key = new Key(user, folder.id(), sinceModseq, claimRecent);
        CompletableFuture<CallOutcome> outcome = new CompletableFuture<>();
        boolean first;
        synchronized (this) {
            Read read = gathering.get(key);
            first = read == null;
            if (first) {
                read = new Read();
                gathering.put(key, read);
            }
            read.waiters.add(new Waiter(then, outcome));
        }
        if (first) {
            scheduler.schedule(() -> submit(key, folder), GATHER);
        }
        return outcome;
    }

    private void submit(Key key, FolderRef folder) {
        Read[] started = new Read[1];
        invoker.invoke(listener -> {
            synchronized (this) {
                // From here on, a session asking for these changes waits for a new read.
                started[0] = gathering.remove(key);
            }
            started[0].delta = listener.changes(key.user(), folder, key.sinceModseq(), key.claimRecent());
            return new CallOutcome.Done(() -> { });
        }).whenComplete((outcome, error) -> {
            Read read = started[0];
            if (read == null) {
                // Never ran (busy, or the call could not be made): every session that asked gets the refusal.
                synchronized (this) {
                    read = gathering.remove(key);
                }
            }
            if (read != null) {
                distribute(read, outcome);
            }
        });
    }

    private static void distribute(Read read, CallOutcome outcome) {
        // No session joins a read once it left the gathering map: the list is final here.
        List<Waiter> waiters = read.waiters;
        for (int i = 0; i < waiters.size(); i++) {
            Waiter waiter = waiters.get(i);
            if (outcome instanceof CallOutcome.Done && read.delta != null) {
                FolderDelta delta = i == 0 ? read.delta : withoutRecent(read.delta);
                waiter.outcome().complete(new CallOutcome.Done(() -> waiter.then().accept(delta)));
            } else {
                waiter.outcome().complete(outcome instanceof CallOutcome.Refused
                        ? outcome : ImapCallOutcomes.FAILURE);
            }
        }
    }

    private static FolderDelta withoutRecent(FolderDelta delta) {
        return delta.recentUids().isEmpty() ? delta : new FolderDelta(delta.highestModseq(), delta.uidNext(),
                delta.added(), delta.changed(), delta.expunged(), List.of());
    }

    /** A timer of an event loop. */
    @FunctionalInterface
    interface Scheduler {
        void schedule(Runnable task, Duration delay);
    }
}
