package fr.mssante.connector.imap;


import fr.mssante.connector.api.imap.FetchItem;
import fr.mssante.connector.api.imap.FolderRef;
import fr.mssante.connector.api.imap.ImapListener;
import fr.mssante.connector.api.imap.MessageData;
import fr.mssante.connector.server.TestThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What a transcript cannot express: timing of IDLE pushes, threads, concurrency, shutdown, big fetches. */
class ImapServerTest {

    private static final Pattern FETCH_UID = Pattern.compile("\\* (\\d+) FETCH \\(UID (\\d+)\\)");

    @TempDir
    Path spoolDirectory;

    private final FakeImapStore store = new FakeImapStore();
    /** Calls of {@code ImapListener.changes}. */
    private final AtomicInteger changeReads = new AtomicInteger();
    private final ImapListener countingStore = (ImapListener) Proxy.newProxyInstance(
            ImapListener.class.getClassLoader(), new Class<?>[] {ImapListener.class}, (proxy, method, arguments) -> {
                if (method.getName().equals("changes")) {
                    changeReads.incrementAndGet();
                }
                try {
                    return method.invoke(store, arguments);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    private final List<String> listenerThreads = new CopyOnWriteArrayList<>();
    private TestThreads threads;
    private ImapServer server;

    @AfterEach
    void stopEverything() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
        threads.close();
    }

    private void start(int workerThreads) throws IOException {
        threads = new TestThreads(workerThreads);
        server = new ImapServer(ImapTestConfigs.builder(spoolDirectory).spoolThreshold(0).build(), threads.eventLoops(),
                ImapServer.invoker(threads.workers(), 8, call -> {
                    listenerThreads.add(Thread.currentThread().getName());
                    return call.apply(countingStore);
                }));
        server.start();
    }

    /**
     * ADR 0036: one change wakes every session in IDLE on the folder; they share one read of its changes
     * (one per gathering window: a loaded machine may split the wake-ups over two or three) instead of
     * one read each, and the new message is still \Recent for exactly one of them (RFC 3501 2.3.2).
     */
    @Test
    void idleSessionsOnOneFolderShareTheReadOfItsChanges() throws Exception {
        start(4);
        List<ImapTestClient> idlers = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                ImapTestClient idler = ImapTestClient.open(server.localAddress(), FakeImapStore.ALICE, "INBOX");
                idler.sendLine("i IDLE");
                assertThat(idler.readLine()).isEqualTo("+ idling");
                idlers.add(idler);
            }
            int readsBefore = changeReads.get();
            store.append(FakeImapStore.ALICE, "INBOX", List.of(), OffsetDateTime.now(),
                    ImapTranscriptTest.content("Subject: to all\r\n\r\nx\r\n"));
            List<String> recent = new ArrayList<>();
            for (ImapTestClient idler : idlers) {
                idler.readTimeout(5000);
                assertThat(idler.readLine()).isEqualTo("* 4 EXISTS");
            }
            assertThat(changeReads.get() - readsBefore).as("reads of the folder's changes for 40 sessions")
                    .isBetween(1, 3);
            for (ImapTestClient idler : idlers) {
                idler.sendLine("DONE");
                String line;
                while (!(line = idler.readLine()).endsWith("OK IDLE terminated")) {
                    recent.add(line);
                }
            }
            assertThat(recent).hasSize(1).allMatch(line -> line.matches("\\* \\d+ RECENT"));
        } finally {
            idlers.forEach(ImapTestClient::close);
        }
    }

    @Test
    void idlePushesAChangeFromAnotherSessionWithinOneSecond() throws Exception {
        start(4);
        try (ImapTestClient idler = ImapTestClient.open(server.localAddress(), FakeImapStore.ALICE, "INBOX");
             // Not selecting INBOX: the idler is then the only session that may claim \Recent.
             ImapTestClient other = ImapTestClient.open(server.localAddress(), FakeImapStore.ALICE, null)) {
            idler.sendLine("i1 IDLE");
            assertThat(idler.readLine()).isEqualTo("+ idling");
            long start = System.nanoTime();
            assertThat(other.status("APPEND INBOX {2+}\r\nhi")).startsWith("OK [APPENDUID");
            idler.readTimeout(1000);
            assertThat(idler.readLine()).isEqualTo("* 4 EXISTS");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(idler.readLine()).isEqualTo("* 4 RECENT");
            idler.sendLine("DONE");
            assertThat(idler.readLine()).isEqualTo("i1 OK IDLE terminated");
        }
    }

    /**
     * RFC 3501 2.3.2: a message that arrives while two sessions idle on the same folder read-write is
     * \Recent for exactly one of them, however their update calls interleave.
     */
    @Test
    void aNewMessageIsRecentForExactlyOneReadWriteSession() throws Exception {
        start(4);
        try (ImapTestClient claimer = ImapTestClient.open(server.localAddress(), FakeImapStore.ALICE, "INBOX")) {
            assertThat(claimer.command("NOOP")).as("the first SELECT took \\Recent for the initial messages")
                    .containsExactly("t3 OK NOOP completed");
        }
        for (int round = 0; round < 10; round++) {
            try (ImapTestClient first = ImapTestClient.open(server.localAddress(), FakeImapStore.ALICE, "INBOX");
                 ImapTestClient second = ImapTestClient.open(server.localAddress(), FakeImapStore.ALICE, "INBOX")) {
                first.sendLine("i1 IDLE");
                assertThat(first.readLine()).isEqualTo("+ idling");
                second.sendLine("i2 IDLE");
                assertThat(second.readLine()).isEqualTo("+ idling");
                store.append(FakeImapStore.ALICE, "INBOX", List.of(), OffsetDateTime.now(),
                        ImapTranscriptTest.content("Subject: " + round + "\r\n\r\nx\r\n"));
                String exists = "* " + (4 + round) + " EXISTS";
                List<String> lines = new ArrayList<>();
                for (ImapTestClient client : List.of(first, second)) {
                    client.readTimeout(5000);
                    assertThat(client.readLine()).isEqualTo(exists);
                    client.sendLine("DONE");
                    String line;
                    while (!(line = client.readLine()).endsWith("OK IDLE terminated")) {
                        lines.add(line);
                    }
                }
                assertThat(lines).as("round " + round).containsExactly("* 1 RECENT");
            }
        }
    }

    /** Sessions in IDLE wait on their sockets: a single worker thread still serves everybody. */
    @Test
    void idleSessionsHoldNoThread() throws Exception {
        start(1);
        List<ImapTestClient> idlers = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                ImapTestClient idler = ImapTestClient.open(server.localAddress(), FakeImapStore.ALICE, "INBOX");
                idler.sendLine("i IDLE");
                assertThat(idler.readLine()).isEqualTo("+ idling");
                idlers.add(idler);
            }
            try (ImapTestClient client = ImapTestClient.open(server.localAddress(), FakeImapStore.BOB, "INBOX")) {
                assertThat(client.status("STATUS INBOX (MESSAGES)")).isEqualTo("OK STATUS completed");
            }
        } finally {
            idlers.forEach(ImapTestClient::close);
        }
    }

    @Test
    void listenerCallsNeverRunOnTheEventLoop() throws Exception {
        start(2);
        try (ImapTestClient client = ImapTestClient.open(server.localAddress(), FakeImapStore.ALICE, "INBOX")) {
            client.command("FETCH 1:* (FLAGS)");
        }
        assertThat(listenerThreads).isNotEmpty().noneMatch(name -> name.contains("nioEventLoop"));
    }

    /**
     * Two sessions store, expunge and append on the same folder at the same time; afterwards each one's
     * view (sequence number to UID) is the store's.
     */
    @Test
    void concurrentSessionsKeepConsistentViews() throws Exception {
        start(4);
        for (int i = 0; i < 20; i++) {
            store.append(FakeImapStore.ALICE, "INBOX", List.of(), OffsetDateTime.now(),
                    ImapTranscriptTest.content("Subject: " + i + "\r\n\r\nx\r\n"));
        }
        try (ImapTestClient first = ImapTestClient.open(server.localAddress(), FakeImapStore.ALICE, "INBOX");
             ImapTestClient second = ImapTestClient.open(server.localAddress(), FakeImapStore.ALICE, "INBOX")) {
            CompletableFuture<Void> a = CompletableFuture.runAsync(() -> work(first, 0));
            CompletableFuture<Void> b = CompletableFuture.runAsync(() -> work(second, 1));
            a.get(30, TimeUnit.SECONDS);
            b.get(30, TimeUnit.SECONDS);
            List<Long> expected = storeUids();
            assertThat(view(first)).isEqualTo(expected);
            assertThat(view(second)).isEqualTo(expected);
        }
    }

    private static void work(ImapTestClient client, int parity) {
        try {
            for (int round = 0; round < 15; round++) {
                List<String> lines = client.command("FETCH 1:* (UID)");
                // Messages expunged by the other session keep their numbers until reported: gaps allowed.
                List<Long> view = uids(lines, false);
                // Pick messages by UID parity: the two sessions never delete the same message.
                List<Long> mine = view.stream().filter(uid -> uid % 2 == parity).limit(2).toList();
                for (long uid : mine) {
                    assertThat(client.status("UID STORE " + uid + " +FLAGS.SILENT (\\Deleted)")).startsWith("OK");
                }
                assertThat(client.status("APPEND INBOX {9+}\r\nS: x\r\n\r\n")).startsWith("OK [APPENDUID");
                assertThat(client.status(round % 2 == 0 ? "EXPUNGE" : "UID EXPUNGE 1:*")).startsWith("OK");
                assertThat(client.status("STORE 1 +FLAGS (\\Seen)")).startsWith("OK");
                assertThat(client.status("SEARCH UNSEEN")).startsWith("OK");
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private List<Long> storeUids() {
        List<Long> uids = new ArrayList<>();
        FolderRef inbox = store.select(FakeImapStore.ALICE, "INBOX", true).folder();
        store.fetch(FakeImapStore.ALICE, inbox, List.of(), Set.of(FetchItem.FLAGS));
        store.select(FakeImapStore.ALICE, "INBOX", true).messages().forEach(m -> uids.add(m.uid()));
        return uids;
    }

    /** NOOP to catch up, then the UIDs by sequence number, checking that the numbers run 1..n. */
    private static List<Long> view(ImapTestClient client) throws IOException {
        client.command("NOOP");
        return uids(client.command("FETCH 1:* (UID)"), true);
    }

    private static List<Long> uids(List<String> lines, boolean dense) {
        List<Long> uids = new ArrayList<>();
        for (String line : lines) {
            Matcher fetch = FETCH_UID.matcher(line);
            if (fetch.matches()) {
                if (dense) {
                    assertThat(Long.parseLong(fetch.group(1))).as("sequence numbers run 1..n").isEqualTo(uids.size() + 1);
                }
                uids.add(Long.parseLong(fetch.group(2)));
            }
        }
        return uids;
    }

    /** 6 MB of messages: fetched in batches of at most 4 MiB, written in order. */
    @Test
    void largeFetchesComeInBatchesInOrder() throws Exception {
        start(2);
        String body = "y".repeat(100_000);
        store.quotaLimit = Long.MAX_VALUE;
        for (int i = 0; i < 60; i++) {
            store.append(FakeImapStore.BOB, "INBOX", List.of(), OffsetDateTime.now(),
                    ImapTranscriptTest.content("Subject: " + i + "\r\n\r\n" + body + "\r\n"));
        }
        try (ImapTestClient client = ImapTestClient.open(server.localAddress(), FakeImapStore.BOB, "INBOX")) {
            client.sendLine("f UID FETCH 1:* (BODY.PEEK[])");
            for (int i = 1; i <= 60; i++) {
                String header = client.readLine();
                assertThat(header).startsWith("* " + i + " FETCH (UID " + i + " BODY[] {");
                int length = Integer.parseInt(header.substring(header.indexOf('{') + 1, header.length() - 1));
                String message = new String(client.readBytes(length), StandardCharsets.US_ASCII);
                assertThat(message).startsWith("Subject: " + (i - 1) + "\r\n");
                assertThat(client.readLine()).isEqualTo(")");
            }
            assertThat(client.readLine()).isEqualTo("f OK UID FETCH completed");
        }
        // LOGIN, SELECT, the sizes, two calls of at most 4 MiB of messages each; no update check at the
        // end, since no change event came for the folder (ADR 0035).
        assertThat(listenerThreads).hasSize(5);
    }

    @Test
    void stopSaysByeToIdleSessions() throws Exception {
        start(2);
        try (ImapTestClient client = ImapTestClient.open(server.localAddress(), FakeImapStore.ALICE, "INBOX")) {
            client.sendLine("i IDLE");
            assertThat(client.readLine()).isEqualTo("+ idling");
            CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> server.stop(Duration.ofSeconds(5)));
            assertThat(client.readLine()).isEqualTo("* BYE Server shutting down");
            assertThat(client.closedByServer()).isTrue();
            assertThat(stopped.get(5, TimeUnit.SECONDS)).isTrue();
        }
        server = null;
    }

    @Test
    void anAppendInterruptedByTheClientLeavesNoSpoolFile() throws Exception {
        start(2);
        try (ImapTestClient client = ImapTestClient.open(server.localAddress(), FakeImapStore.ALICE, null)) {
            client.sendLine("a APPEND INBOX {1000+}");
            client.sendLine("partial content");
            awaitSpoolFiles(1);
        }
        awaitSpoolFiles(0);
    }

    @Test
    void appendedMessagesAreStoredIntactAndTheSpoolDeleted() throws Exception {
        start(2);
        byte[] message = ("Subject: big\r\n\r\n" + "z".repeat(100_000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        try (ImapTestClient client = ImapTestClient.open(server.localAddress(), FakeImapStore.BOB, null)) {
            client.sendLine("a APPEND INBOX {" + message.length + "}");
            assertThat(client.readLine()).isEqualTo("+ Ready for literal data");
            client.queue(message);
            client.sendLine("");
            assertThat(client.readLine()).isEqualTo("a OK [APPENDUID 1002 1] APPEND completed");
        }
        FolderRef inbox = store.select(FakeImapStore.BOB, "INBOX", true).folder();
        List<MessageData> data = store.fetch(FakeImapStore.BOB, inbox, List.of(1L), Set.of(FetchItem.CONTENT));
        assertThat(data.get(0).content()).isEqualTo(message);
        awaitSpoolFiles(0);
    }

    private void awaitSpoolFiles(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (TestThreads.files(spoolDirectory).size() != count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(TestThreads.files(spoolDirectory)).hasSize(count);
    }
}
