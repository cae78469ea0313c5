package fr.mssante.connector.smtp;

import fr.mssante.connector.api.smtp.SmtpReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedListenerInvokerTest {

    private static final SmtpReply OK = SmtpReply.of(250, "2.1.5", "OK");

    private final ExecutorService workers = Executors.newCachedThreadPool();

    @AfterEach
    void stopWorkers() {
        workers.shutdownNow();
    }

    @Test
    void returnsTheListenerReply() {
        assertThat(join(invoker(1, call -> OK).invoke(l -> null))).isEqualTo(OK);
    }

    @Test
    void anyThrowableBecomes451() {
        assertThat(join(invoker(1, call -> {
            throw new IllegalStateException("EJBException stand-in");
        }).invoke(l -> OK))).isEqualTo(SmtpReplies.LOCAL_ERROR);
        assertThat(join(invoker(1, call -> {
            throw new AssertionError("an Error too");
        }).invoke(l -> OK))).isEqualTo(SmtpReplies.LOCAL_ERROR);
    }

    @Test
    void missingOrIntermediateReplyBecomes451() {
        assertThat(join(invoker(1, call -> null).invoke(l -> OK))).isEqualTo(SmtpReplies.LOCAL_ERROR);
        assertThat(join(invoker(1, call -> new SmtpReply(354, null, List.of("go"))).invoke(l -> OK)))
                .isEqualTo(SmtpReplies.LOCAL_ERROR);
    }

    @Test
    void callsBeyondTheWorkersWaitTheirTurnAndSaturationIsAnsweredAtOnceWithBusy() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> order = new CopyOnWriteArrayList<>();
        BoundedListenerInvoker invoker = invoker(1, call -> {
            release.await();
            return call.apply(null);
        });
        CompletionStage<SmtpReply> running = invoker.invoke(l -> OK);
        List<CompletionStage<SmtpReply>> queued = new ArrayList<>();
        for (int i = 0; i < BoundedListenerInvoker.WAITING_PER_WORKER; i++) {
            int n = i;
            queued.add(invoker.invoke(l -> {
                order.add(n);
                return OK;
            }));
        }
        assertThat(join(invoker.invoke(l -> OK))).as("wait queue full").isEqualTo(SmtpReplies.BUSY);
        assertThat(queued).noneMatch(f -> f.toCompletableFuture().isDone());
        assertThat(invoker.awaitIdle(Duration.ofMillis(50))).isFalse();

        release.countDown();
        assertThat(join(running)).isEqualTo(OK);
        for (CompletionStage<SmtpReply> f : queued) {
            assertThat(join(f)).isEqualTo(OK);
        }
        assertThat(order).as("waiting calls run in arrival order").containsExactly(0, 1, 2, 3);
        assertThat(invoker.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(join(invoker.invoke(l -> OK))).as("permit given back").isEqualTo(OK);
    }

    /** ADR 0036: a burst waits in a queue as long as configured; a call that waited too long is not run late. */
    @Test
    void aCallThatWaitedLongerThanTheQueueTimeoutIsAnsweredBusyAndNotRun() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        BoundedListenerInvoker invoker = new BoundedListenerInvoker(workers, 1,
                new BoundedListenerInvoker.Queueing(1000, Duration.ofMillis(100)), call -> {
                    release.await();
                    return call.apply(null);
                });
        CompletionStage<SmtpReply> running = invoker.invoke(l -> OK);
        List<CompletionStage<SmtpReply>> early = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            early.add(invoker.invoke(l -> {
                ran.add("early");
                return OK;
            }));
        }
        assertThat(early).as("100 waiting calls: more than 4 per worker, all queued")
                .noneMatch(f -> f.toCompletableFuture().isDone());
        Thread.sleep(300);
        CompletionStage<SmtpReply> late = invoker.invoke(l -> {
            ran.add("late");
            return OK;
        });
        release.countDown();
        assertThat(join(running)).isEqualTo(OK);
        for (CompletionStage<SmtpReply> f : early) {
            assertThat(join(f)).isEqualTo(SmtpReplies.BUSY);
        }
        assertThat(join(late)).as("queued within the timeout").isEqualTo(OK);
        assertThat(ran).containsExactly("late");
        assertThat(invoker.awaitIdle(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void rejectedWorkIsAnsweredWithBusyAndFreesThePermit() {
        BoundedListenerInvoker invoker = new BoundedListenerInvoker(task -> {
            throw new RejectedExecutionException("WorkManager full");
        }, 1, call -> OK);
        assertThat(join(invoker.invoke(l -> OK))).isEqualTo(SmtpReplies.BUSY);
        assertThat(join(invoker.invoke(l -> OK))).isEqualTo(SmtpReplies.BUSY);
    }

    private BoundedListenerInvoker invoker(int max, ListenerScope scope) {
        return new BoundedListenerInvoker(workers, max, scope);
    }

    private static SmtpReply join(CompletionStage<SmtpReply> stage) {
        try {
            return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
