package fr.mssante.connector.smtp;

import fr.mssante.connector.api.smtp.MessageContent;
import fr.mssante.connector.api.smtp.SmtpEnvelope;
import fr.mssante.connector.api.smtp.SmtpListener;
import fr.mssante.connector.api.smtp.SmtpMessage;
import fr.mssante.connector.api.smtp.SmtpReply;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Group commit of the intake (ADR 0037), like a database's: a message whose end of data arrives while
 * {@code maxBatchesInFlight} hand-overs are already running waits, and the next hand-over takes every waiting
 * message (at most {@code maxBatch}) in one {@link SmtpListener#deliverAll} call, hence one transaction and
 * one durable commit. There is no timer: a message that finds a free slot goes at once, alone, through
 * {@link SmtpListener#deliver}, so an idle server answers as fast as before.
 *
 * <p>Each client still gets its reply only when the call that holds its message has returned, that is after
 * the commit (RFC 5321 section 6.1, ADR 0002). When a batch call fails (an exception: rollback, outage),
 * nothing of it was taken, and each of its messages is handed over again alone, so that one message the
 * application cannot take costs the others nothing; only those that then fail alone get 451. A batch the
 * worker pool cannot run (saturated, or waited beyond the queue timeout) is answered like a single call
 * would be: the pool's busy reply to each message.
 *
 * <p>Nothing here blocks a thread: a full worker pool only makes batches larger, and every waiting message
 * is taken by the completion of a running call, which starts the next batch before that call gives its
 * worker back (so {@link fr.mssante.connector.server.BoundedListenerInvoker#awaitIdle} never sees an idle
 * pool while messages wait here).
 */
public final class GroupCommit implements ListenerInvoker {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());

    /** Default of {@code mssante.smtp.group-commit-max}. */
    static final int DEFAULT_MAX_BATCH = 32;
    /** Default of {@code mssante.smtp.group-commit-concurrency}. */
    static final int DEFAULT_BATCHES_IN_FLIGHT = 2;

    /**
     * Stands for "deliverAll returned" in the invoker, whose calls return one reply; never sent. Anything
     * else the invoker completes with (busy, or 451 for a failed call) means the replies are not there.
     */
    private static final SmtpReply BATCH_RETURNED = SmtpReply.of(250, "2.0.0", "batch returned");

    private record Waiting(SmtpMessage message, CompletableFuture<SmtpReply> reply) {
    }

    private final ListenerInvoker invoker;
    private final int maxBatch;
    private final int maxBatchesInFlight;
    /** Guarded by {@code this}. */
    private final Deque<Waiting> waiting = new ArrayDeque<>();
    /** Guarded by {@code this}. */
    private int batchesInFlight;

    /**
     * @param invoker            runs the calls (the bounded worker pool)
     * @param maxBatch           messages per {@code deliverAll} call at most; 1 turns group commit off
     * @param maxBatchesInFlight hand-overs running at once; beyond them messages wait and are grouped
     */
    public GroupCommit(ListenerInvoker invoker, int maxBatch, int maxBatchesInFlight) {
        if (maxBatch < 1 || maxBatchesInFlight < 1) {
            throw new IllegalArgumentException("maxBatch and maxBatchesInFlight must be positive: "
                    + maxBatch + ", " + maxBatchesInFlight);
        }
        this.invoker = invoker;
        this.maxBatch = maxBatch;
        this.maxBatchesInFlight = maxBatchesInFlight;
    }

    @Override
    public CompletionStage<SmtpReply> invoke(Function<SmtpListener, SmtpReply> call) {
        return invoker.invoke(call);
    }

    @Override
    public CompletionStage<SmtpReply> deliver(SmtpEnvelope envelope, MessageContent content) {
        Waiting message = new Waiting(new SmtpMessage(envelope, content), new CompletableFuture<>());
        List<Waiting> batch;
        synchronized (this) {
            waiting.add(message);
            batch = takeBatch();
        }
        if (batch != null) {
            handOver(batch);
        }
        return message.reply();
    }

    /** The next batch, oldest first, if a hand-over may start; {@code null} otherwise. Holds the lock. */
    private List<Waiting> takeBatch() {
        if (waiting.isEmpty() || batchesInFlight >= maxBatchesInFlight) {
            return null;
        }
        batchesInFlight++;
        List<Waiting> batch = new ArrayList<>(Math.min(maxBatch, waiting.size()));
        while (batch.size() < maxBatch && !waiting.isEmpty()) {
            batch.add(waiting.poll());
        }
        return batch;
    }

    /** Runs outside the lock: the invoker may complete at once (busy), running the callbacks here. */
    private void handOver(List<Waiting> batch) {
        if (batch.size() == 1) {
            Waiting only = batch.get(0);
            aloneThen(only, this::batchEnded);
            return;
        }
        BatchCall call = new BatchCall(batch.stream().map(Waiting::message).toList());
        invoker.invoke(call).whenComplete((reply, failure) -> {
            settle(batch, call, reply);
            batchEnded();
        });
    }

    /** Hands one message over through {@link SmtpListener#deliver}, completes its reply, then runs {@code then}. */
    private void aloneThen(Waiting message, Runnable then) {
        invoker.invoke(listener -> listener.deliver(message.message().envelope(), message.message().content()))
                .whenComplete((reply, failure) -> {
                    message.reply().complete(failure == null ? reply : SmtpReplies.LOCAL_ERROR);
                    then.run();
                });
    }

    private void settle(List<Waiting> batch, BatchCall call, SmtpReply invokerReply) {
        List<SmtpReply> replies = call.replies;
        if (invokerReply == BATCH_RETURNED && replies != null) {
            if (replies.size() != batch.size()) {
                // Committed, but which reply is whose? A listener bug; 451 lets the clients try again (at
                // worst a duplicate, never a loss).
                LOG.severe("deliverAll returned " + replies.size() + " replies for " + batch.size()
                        + " messages; answering " + SmtpReplies.LOCAL_ERROR);
                batch.forEach(message -> message.reply().complete(SmtpReplies.LOCAL_ERROR));
                return;
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).reply().complete(BoundedListenerInvoker.finalReply(replies.get(i)));
            }
        } else if (call.started) {
            LOG.info("A group commit of " + batch.size() + " messages failed; handing each over alone");
            batch.forEach(message -> aloneThen(message, () -> { }));
        } else {
            // Never ran (pool saturated or queue timeout): what a single call would have been answered.
            SmtpReply reply = invokerReply == null ? SmtpReplies.LOCAL_ERROR : invokerReply;
            batch.forEach(message -> message.reply().complete(reply));
        }
    }

    /** A hand-over ended: the messages that waited meanwhile go now, in the next batch. */
    private void batchEnded() {
        List<Waiting> next;
        synchronized (this) {
            batchesInFlight--;
            next = takeBatch();
        }
        if (next != null) {
            handOver(next);
        }
    }

    /** The {@code deliverAll} call, remembering whether it ran and what it returned. */
    private static final class BatchCall implements Function<SmtpListener, SmtpReply> {

        private final List<SmtpMessage> messages;
        private volatile boolean started;
        private volatile List<SmtpReply> replies;

        BatchCall(List<SmtpMessage> messages) {
            this.messages = messages;
        }

        @Override
        public SmtpReply apply(SmtpListener listener) {
            started = true;
            replies = listener.deliverAll(messages);
            return BATCH_RETURNED;
        }
    }
}
