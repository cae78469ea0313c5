package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.imap.FolderDelta;
import fr.mssante.connector.api.imap.FolderRef;
import fr.mssante.connector.api.imap.ImapListener;
import fr.mssante.connector.api.imap.MessageMeta;
import fr.mssante.connector.server.ListenerInvoker;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** ADR 0036: who shares an IDLE read of a folder's changes, and who gets \Recent. */
class SharedChangeReadsTest {

    private static final FolderRef INBOX = new FolderRef("f1", "INBOX", 1);
    private static final FolderDelta NEW_MESSAGE = new FolderDelta(8, 5,
            List.of(new MessageMeta(4, 8, List.of())), List.of(), List.of(), List.of(4L));

    /** Listener calls wait here until the test runs them, as on a worker. */
    private final List<Runnable> pendingCalls = new ArrayList<>();
    /** Timers of the event loops, run by the test. */
    private final List<Runnable> timers = new ArrayList<>();
    private final List<String> reads = new ArrayList<>();
    private boolean busy;
    /** Runs inside the next listener call: a session asking while a read is in progress. */
    private Runnable duringRead = () -> { };

    private final ImapListener listener = (ImapListener) Proxy.newProxyInstance(ImapListener.class.getClassLoader(),
            new Class<?>[] {ImapListener.class}, (proxy, method, arguments) -> {
                assertThat(method.getName()).isEqualTo("changes");
                reads.add(arguments[0] + " " + ((FolderRef) arguments[1]).id() + " " + arguments[2] + " " + arguments[3]);
                Runnable during = duringRead;
                duringRead = () -> { };
                during.run();
                return NEW_MESSAGE;
            });

    private final ListenerInvoker<ImapListener, CallOutcome> invoker = new ListenerInvoker<>() {
        @Override
        public CompletionStage<CallOutcome> invoke(Function<ImapListener, CallOutcome> call) {
            CompletableFuture<CallOutcome> result = new CompletableFuture<>();
            if (busy) {
                result.complete(ImapCallOutcomes.BUSY);
            } else {
                pendingCalls.add(() -> result.complete(call.apply(listener)));
            }
            return result;
        }
    };

    private final SharedChangeReads shared = new SharedChangeReads(invoker);

    private CompletionStage<CallOutcome> ask(String user, long since, boolean claimRecent, List<FolderDelta> got) {
        return shared.changes(user, INBOX, since, claimRecent, got::add, (task, delay) -> {
            assertThat(delay).isEqualTo(SharedChangeReads.GATHER);
            timers.add(task);
        });
    }

    private void runAll(List<Runnable> tasks) {
        List<Runnable> now = List.copyOf(tasks);
        tasks.clear();
        now.forEach(Runnable::run);
    }

    private static void resume(CompletionStage<CallOutcome> outcome) {
        CallOutcome done = outcome.toCompletableFuture().join();
        assertThat(done).isInstanceOf(CallOutcome.Done.class);
        ((CallOutcome.Done) done).continuation().run();
    }

    @Test
    void sessionsAskingTheSameBeforeTheReadStartsShareItAndOnlyTheFirstGetsRecent() {
        List<FolderDelta> first = new ArrayList<>();
        List<FolderDelta> second = new ArrayList<>();
        List<FolderDelta> third = new ArrayList<>();
        CompletionStage<CallOutcome> a = ask("alice", 7, true, first);
        CompletionStage<CallOutcome> b = ask("alice", 7, true, second);
        runAll(timers);
        CompletionStage<CallOutcome> c = ask("alice", 7, true, third); // submitted, not started: still joins
        assertThat(timers).as("one submission per read").isEmpty();
        runAll(pendingCalls);

        assertThat(reads).containsExactly("alice f1 7 true");
        resume(a);
        resume(b);
        resume(c);
        assertThat(first).singleElement().satisfies(delta -> assertThat(delta.recentUids()).containsExactly(4L));
        assertThat(second).singleElement().satisfies(delta -> {
            assertThat(delta.added()).isEqualTo(NEW_MESSAGE.added());
            assertThat(delta.recentUids()).isEmpty();
        });
        assertThat(third).singleElement().satisfies(delta -> assertThat(delta.recentUids()).isEmpty());
    }

    @Test
    void aSessionAskingOnceTheReadHasStartedGetsANewRead() {
        List<FolderDelta> early = new ArrayList<>();
        List<FolderDelta> late = new ArrayList<>();
        CompletionStage<CallOutcome> a = ask("alice", 7, true, early);
        runAll(timers);
        // A session woken by a change committed after the read's statement began must not join it.
        List<CompletionStage<CallOutcome>> lateOutcome = new ArrayList<>();
        duringRead = () -> lateOutcome.add(ask("alice", 7, true, late));
        runAll(pendingCalls);
        assertThat(reads).as("the read in progress only").hasSize(1);
        assertThat(lateOutcome.get(0).toCompletableFuture()).isNotDone();
        runAll(timers);
        runAll(pendingCalls);
        assertThat(reads).as("then one for the late session").hasSize(2);
        resume(a);
        resume(lateOutcome.get(0));
        assertThat(early).hasSize(1);
        assertThat(late).hasSize(1);
    }

    @Test
    void differentPrincipalsOrKnowledgeDoNotShare() {
        ask("alice", 7, true, new ArrayList<>());
        ask("delegate-of-alice", 7, true, new ArrayList<>());
        ask("alice", 6, true, new ArrayList<>());
        ask("alice", 7, false, new ArrayList<>());
        runAll(timers);
        runAll(pendingCalls);
        assertThat(reads).containsExactlyInAnyOrder("alice f1 7 true", "delegate-of-alice f1 7 true",
                "alice f1 6 true", "alice f1 7 false");
    }

    @Test
    void aReadThatCouldNotBeMadeRefusesEverySessionWaitingForIt() {
        busy = true;
        CompletionStage<CallOutcome> a = ask("alice", 7, true, new ArrayList<>());
        CompletionStage<CallOutcome> b = ask("alice", 7, true, new ArrayList<>());
        runAll(timers);
        assertThat(a.toCompletableFuture().join()).isEqualTo(ImapCallOutcomes.BUSY);
        assertThat(b.toCompletableFuture().join()).isEqualTo(ImapCallOutcomes.BUSY);
        busy = false;
        ask("alice", 7, true, new ArrayList<>());
        assertThat(timers).as("a new read is gathered afterwards").hasSize(1);
    }
}
