package fr.mssante.connector.smtp;

import fr.mssante.connector.api.auth.AuthOutcome;
import fr.mssante.connector.api.auth.ClientConnection;
import fr.mssante.connector.api.auth.Credentials;
import fr.mssante.connector.api.smtp.InMemoryContent;
import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.MessageContent;
import fr.mssante.connector.api.smtp.SmtpEnvelope;
import fr.mssante.connector.api.smtp.SmtpListener;
import fr.mssante.connector.api.smtp.SmtpMessage;
import fr.mssante.connector.api.smtp.SmtpReply;
import fr.mssante.connector.api.smtp.SmtpSessionInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The group commit of the intake (ADR 0037) over a real bounded worker pool and a listener that behaves like
 * a transactional application: a batch is all or nothing.
 */
class GroupCommitTest {

    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void stopWorkers() {
        listener.release();
        workers.shutdownNow();
    }

    @Test
    void aLoneMessageGoesAtOnceThroughDeliverWithoutWaitingForCompany() {
        GroupCommit groupCommit = groupCommit(32, 1, 4);
        listener.release();

        CompletionStage<SmtpReply> reply = groupCommit.deliver(envelope("m1"), content("m1"));

        assertThat(join(reply).lines()).containsExactly("queued m1");
        assertThat(listener.delivered).containsExactly("m1");
        assertThat(listener.batchSizes).as("no deliverAll for one message").isEmpty();
    }

    @Test
    void messagesCompletedWhileACommitRunsShareTheNextCallInArrivalOrderAndEachGetsItsOwnReply() {
        GroupCommit groupCommit = groupCommit(32, 1, 4);
        CompletionStage<SmtpReply> first = groupCommit.deliver(envelope("m0"), content("m0"));
        listener.awaitFirstCall();
        List<CompletionStage<SmtpReply>> waiting = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            waiting.add(groupCommit.deliver(envelope("m" + i), content("m" + i)));
        }
        assertThat(waiting).as("no reply before the commit that holds the message")
                .noneMatch(r -> r.toCompletableFuture().isDone());

        listener.release();

        assertThat(join(first).lines()).containsExactly("queued m0");
        for (int i = 1; i <= 5; i++) {
            assertThat(join(waiting.get(i - 1)).lines()).containsExactly("queued m" + i);
        }
        assertThat(listener.batchSizes).containsExactly(5);
        assertThat(listener.delivered).containsExactly("m0", "m1", "m2", "m3", "m4", "m5");
    }

    @Test
    void aBatchHoldsAtMostTheConfiguredNumberOfMessages() {
        GroupCommit groupCommit = groupCommit(3, 1, 4);
        List<CompletionStage<SmtpReply>> replies = new ArrayList<>();
        replies.add(groupCommit.deliver(envelope("m0"), content("m0")));
        listener.awaitFirstCall();
        for (int i = 1; i <= 7; i++) {
            replies.add(groupCommit.deliver(envelope("m" + i), content("m" + i)));
        }

        listener.release();

        replies.forEach(reply -> assertThat(join(reply).code()).isEqualTo(250));
        assertThat(listener.batchSizes).as("3 + 3, and the last one alone through deliver").containsExactly(3, 3);
        assertThat(listener.delivered).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7");
    }

    @Test
    void aFailedBatchIsOfferedMessageByMessageSoThatOnlyTheFailingMessageGets451() {
        GroupCommit groupCommit = groupCommit(32, 1, 4);
        CompletionStage<SmtpReply> first = groupCommit.deliver(envelope("m0"), content("m0"));
        listener.awaitFirstCall();
        CompletionStage<SmtpReply> before = groupCommit.deliver(envelope("m1"), content("m1"));
        CompletionStage<SmtpReply> bad = groupCommit.deliver(envelope("fails"), content("fails"));
        CompletionStage<SmtpReply> after = groupCommit.deliver(envelope("m2"), content("m2"));

        listener.release();

        assertThat(join(first).code()).isEqualTo(250);
        assertThat(join(before).lines()).containsExactly("queued m1");
        assertThat(join(bad)).isEqualTo(SmtpReplies.LOCAL_ERROR);
        assertThat(join(after).lines()).containsExactly("queued m2");
        assertThat(listener.batchSizes).as("the batch was tried once").containsExactly(3);
        assertThat(listener.delivered).as("each accepted message taken exactly once")
                .containsExactlyInAnyOrder("m0", "m1", "m2");
    }

    @Test
    void aRefusalInsideABatchConcernsItsMessageOnly() {
        GroupCommit groupCommit = groupCommit(32, 1, 4);
        groupCommit.deliver(envelope("m0"), content("m0"));
        listener.awaitFirstCall();
        CompletionStage<SmtpReply> good = groupCommit.deliver(envelope("m1"), content("m1"));
        CompletionStage<SmtpReply> refused = groupCommit.deliver(envelope("refused"), content("refused"));

        listener.release();

        assertThat(join(good).lines()).containsExactly("queued m1");
        assertThat(join(refused).code()).isEqualTo(554);
        assertThat(listener.batchSizes).containsExactly(2);
        assertThat(listener.delivered).containsExactly("m0", "m1");
    }

    @Test
    void aBatchThePoolCannotRunIsAnsweredBusyWithoutCallingTheListener() throws InterruptedException {
        // One worker and one waiting place: m0 runs, m1 (second hand-over) takes the waiting place, and the
        // batch m2..m4 finds the pool still saturated when m0 ends.
        GroupCommit groupCommit = new GroupCommit(new BoundedListenerInvoker(workers, 1,
                new BoundedListenerInvoker.Queueing(1, Duration.ofMinutes(1)), call -> call.apply(listener)), 32, 2);
        CompletionStage<SmtpReply> first = groupCommit.deliver(envelope("m0"), content("m0"));
        listener.awaitFirstCall();
        CompletionStage<SmtpReply> second = groupCommit.deliver(envelope("m1"), content("m1"));
        List<CompletionStage<SmtpReply>> batch = List.of(
                groupCommit.deliver(envelope("m2"), content("m2")),
                groupCommit.deliver(envelope("m3"), content("m3")),
                groupCommit.deliver(envelope("m4"), content("m4")));

        listener.release();

        assertThat(join(first).code()).isEqualTo(250);
        assertThat(join(second).code()).isEqualTo(250);
        batch.forEach(reply -> assertThat(join(reply)).isEqualTo(SmtpReplies.BUSY));
        assertThat(listener.batchSizes).isEmpty();
        assertThat(listener.delivered).containsExactly("m0", "m1");
    }

    @Test
    void aListenerThatLosesTrackOfItsRepliesGets451ForEveryMessageOfTheBatch() {
        GroupCommit groupCommit = groupCommit(32, 1, 4);
        groupCommit.deliver(envelope("m0"), content("m0"));
        listener.awaitFirstCall();
        CompletionStage<SmtpReply> a = groupCommit.deliver(envelope("m1"), content("m1"));
        CompletionStage<SmtpReply> b = groupCommit.deliver(envelope("one-reply-short"), content("x"));

        listener.release();

        assertThat(join(a)).isEqualTo(SmtpReplies.LOCAL_ERROR);
        assertThat(join(b)).isEqualTo(SmtpReplies.LOCAL_ERROR);
    }

    @Test
    void manyConcurrentMessagesAreEachTakenExactlyOnceAndTheWorkersEndIdle() throws InterruptedException {
        BoundedListenerInvoker invoker = new BoundedListenerInvoker(workers, 4, call -> call.apply(listener));
        GroupCommit groupCommit = new GroupCommit(invoker, 8, 2);
        listener.release();
        List<CompletionStage<SmtpReply>> replies = new CopyOnWriteArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        for (int i = 0; i < 400; i++) {
            String id = "m" + i;
            clients.execute(() -> replies.add(groupCommit.deliver(envelope(id), content(id))));
        }
        clients.shutdown();
        assertThat(clients.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        replies.forEach(reply -> assertThat(join(reply).code()).isEqualTo(250));
        assertThat(listener.delivered).hasSize(400).doesNotHaveDuplicates();
        assertThat(listener.batchSizes).allMatch(size -> size >= 2 && size <= 8);
        assertThat(invoker.awaitIdle(Duration.ofSeconds(5))).isTrue();
    }

    private GroupCommit groupCommit(int maxBatch, int batchesInFlight, int workerCount) {
        return new GroupCommit(new BoundedListenerInvoker(workers, workerCount, call -> call.apply(listener)),
                maxBatch, batchesInFlight);
    }

    /** The message's name travels as the local part of its reverse-path. */
    private static SmtpEnvelope envelope(String name) {
        SmtpSessionInfo session = new SmtpSessionInfo("s-" + name, "192.0.2.1", "client.example", "mx", true,
                null, "TLSv1.3", "TLS_AES_128_GCM_SHA256");
        return new SmtpEnvelope(session, Optional.of(new MailAddress(name, "example.org")),
                List.of(new MailAddress("dr.durand", "hopital-demo.mssante.fr")), "8BITMIME", -1);
    }

    private static MessageContent content(String text) {
        return new InMemoryContent(("Subject: " + text + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static SmtpReply join(CompletionStage<SmtpReply> reply) {
        return reply.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    /**
     * Takes messages as a transactional application would: {@code fails} throws (rolling back everything the
     * call did), {@code refused} is refused with 554 without an exception. The first call of the test waits
     * until {@link #release()}, so that the test can line messages up behind it.
     */
    private static final class RecordingListener implements SmtpListener {

        final List<String> delivered = new CopyOnWriteArrayList<>();
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        private final CountDownLatch firstCall = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        void release() {
            released.countDown();
        }

        void awaitFirstCall() {
            try {
                assertThat(firstCall.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        private void gate() {
            firstCall.countDown();
            try {
                assertThat(released.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        @Override
        public SmtpReply deliver(SmtpEnvelope envelope, MessageContent content) {
            gate();
            return take(List.of(name(envelope))).get(0);
        }

        @Override
        public List<SmtpReply> deliverAll(List<SmtpMessage> messages) {
            gate();
            batchSizes.add(messages.size());
            List<SmtpReply> replies = take(messages.stream().map(m -> name(m.envelope())).toList());
            return messages.stream().anyMatch(m -> name(m.envelope()).equals("one-reply-short"))
                    ? replies.subList(1, replies.size()) : replies;
        }

        /** All or nothing, like one transaction. */
        private List<SmtpReply> take(List<String> names) {
            if (names.contains("fails")) {
                throw new IllegalStateException("simulated rollback");
            }
            List<SmtpReply> replies = new ArrayList<>();
            for (String name : names) {
                if (name.equals("refused")) {
                    replies.add(SmtpReply.of(554, "5.6.0", "refused"));
                } else {
                    delivered.add(name);
                    replies.add(SmtpReply.of(250, "2.0.0", "queued " + name));
                }
            }
            return replies;
        }

        private static String name(SmtpEnvelope envelope) {
            return envelope.reversePath().orElseThrow().localPart();
        }

        @Override
        public AuthOutcome authenticate(ClientConnection connection, Credentials credentials) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SmtpReply checkSender(SmtpSessionInfo session, Optional<MailAddress> reversePath) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SmtpReply checkRecipient(SmtpEnvelope envelope, MailAddress recipient) {
            throw new UnsupportedOperationException();
        }
    }
}
