package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import static fr.mssante.it.NamespaceCluster.APP_PASSWORD;
import static fr.mssante.it.NamespaceCluster.IMAP;
import static fr.mssante.it.NamespaceCluster.USER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 item 4, ADR 0024: three nodes in their own network namespaces behind HAProxy ({@link NamespaceCluster}),
 * under SMTP submission and IMAP load through HAProxy. {@code kill -9} of node 2, later of node 3. Then:
 * <ul>
 *   <li>every message that got a 250 is in the INBOX exactly once (in the database and over IMAP), and no
 *       message of the run is there twice;</li>
 *   <li>every accepted message was delivered within a minute of its acceptance, or of the last node loss
 *       after it (a message taken over by a node that dies in turn is taken over again), so nothing accepted
 *       by a dead node waited for that node's restart; in particular the three messages each victim
 *       accepted while delivery was held, and died with, were taken over by a survivor;</li>
 *   <li>node 2, restarted with the journal it died with, delivers nothing twice and its broker rejoins the
 *       cluster through its second peer (the first, node 3, is dead);</li>
 *   <li>IMAP clients whose node died connected again through HAProxy and carried on;</li>
 *   <li>IDLE sessions on the surviving nodes were told of mail added on another surviving node after each
 *       kill (the broker cluster stayed connected);</li>
 *   <li>HTTP through HAProxy still answers {@code /health}.</li>
 * </ul>
 */
@ExtendWith(PlatformExtension.class)
class ClusterFailoverIT {

    private static final Duration WITHIN_A_MINUTE = Duration.ofMinutes(1);
    private static NamespaceCluster cluster;

    private final LocalPlatform platform;

    ClusterFailoverIT(LocalPlatform platform) {
        this.platform = platform;
    }

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = NamespaceCluster.start(PlatformSession.platform());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void killing_two_of_three_nodes_under_load_loses_nothing_duplicates_nothing_and_clients_carry_on() throws Exception {
        Path ca = platform.caCertificate();
        String run = "cluster-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        String probes = "Probe-" + run.substring(8, 16);
        try (ImapWire creator = new ImapWire(cluster.address(1), IMAP, ca)) {
            creator.command("LOGIN " + USER + " " + APP_PASSWORD);
            creator.command("CREATE " + probes);
        }
        Map<Integer, IdleWatcher> watchers = new HashMap<>();
        for (int i = 1; i <= 3; i++) {
            watchers.put(i, new IdleWatcher(cluster.address(i), ca, probes));
        }
        int appended = awaitBrokersClustered(watchers, List.of(1, 2, 3), ca, probes, 0);

        SSLContext tls = TestTls.trusting(ca);
        AtomicInteger sequence = new AtomicInteger();
        List<SubmissionLoad> senders = List.of(
                new SubmissionLoad("127.0.0.1", cluster.haproxy().submissionPort, tls, USER, APP_PASSWORD, run, 300, sequence),
                new SubmissionLoad("127.0.0.1", cluster.haproxy().submissionPort, tls, USER, APP_PASSWORD, run, 300, sequence));
        List<ImapReader> readers = List.of(
                new ImapReader(cluster.haproxy().imapPort, ca, USER, APP_PASSWORD, 500),
                new ImapReader(cluster.haproxy().imapPort, ca, USER, APP_PASSWORD, 500),
                new ImapReader(cluster.haproxy().imapPort, ca, USER, APP_PASSWORD, 500));
        List<Thread> threads = new ArrayList<>();
        senders.forEach(s -> threads.add(new Thread(s, "smtp-load")));
        readers.forEach(r -> threads.add(new Thread(r, "imap-load")));
        threads.forEach(Thread::start);

        Thread.sleep(15_000);
        Victim node2 = killWithUndeliveredMail(2, tls, run, sequence);
        watchers.remove(2).close();
        Thread.sleep(3_000);
        appended = appendAndExpect(3, watchers, List.of(1), ca, probes, appended);
        appended = appendAndExpect(1, watchers, List.of(3), ca, probes, appended);

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), node2.killedAt().plusSeconds(40)).toMillis()));
        Victim node3 = killWithUndeliveredMail(3, tls, run, sequence);
        List<Instant> losses = List.of(node2.killedAt(), node3.killedAt());
        watchers.remove(3).close();
        Thread.sleep(3_000);
        appended = appendAndExpect(1, watchers, List.of(1), ca, probes, appended);

        Thread.sleep(20_000);
        senders.forEach(SubmissionLoad::stop);
        readers.forEach(ImapReader::stop);
        for (Thread t : threads) {
            t.join(60_000);
        }
        watchers.values().forEach(IdleWatcher::close);

        List<SubmissionLoad.Accepted> accepted = new ArrayList<>(senders.stream().flatMap(s -> s.accepted.stream()).toList());
        accepted.addAll(node2.held());
        accepted.addAll(node3.held());
        List<String> refused = senders.stream().flatMap(s -> s.refused.stream()).toList();
        Map<String, Long> byNode = accepted.stream()
                .collect(Collectors.groupingBy(SubmissionLoad.Accepted::node, Collectors.counting()));
        System.out.printf("cluster test: %d accepted %s, %d in doubt, refused %s; IMAP %s%n", accepted.size(), byNode,
                senders.stream().mapToInt(s -> s.inDoubt.get()).sum(), refused,
                readers.stream().map(r -> r.commandsOk + " ok/" + r.reconnects + " reconnects/outage "
                        + r.longestOutage.toMillis() + " ms").toList());
        assertThat(accepted).as("messages accepted under load").hasSizeGreaterThan(100);
        assertThat(byNode).as("the killed nodes had accepted mail too").containsKeys("node-2.cluster.test",
                "node-3.cluster.test");
        assertThat(refused).as("replies other than 250").isEmpty();

        Map<String, Delivery> deliveries = awaitDelivered(accepted, node3.killedAt().plus(WITHIN_A_MINUTE).plusSeconds(10));
        for (SubmissionLoad.Accepted a : accepted) {
            Delivery d = deliveries.get(a.queueId());
            assertThat(d.copies()).as("copies of " + a.subject() + " (" + a.queueId() + ") in the INBOX").isEqualTo(1);
            // A message taken over by a node that dies in turn is taken over again: it waits from the last loss.
            Instant delivered = d.deliveredAt().toInstant();
            Instant waitingSince = losses.stream().filter(loss -> loss.isBefore(delivered))
                    .filter(loss -> loss.isAfter(d.receivedAt().toInstant())).max(Instant::compareTo)
                    .orElse(d.receivedAt().toInstant());
            assertThat(Duration.between(waitingSince, delivered))
                    .as("from acceptance (or the last node loss after it) to delivery of " + a.queueId()
                            + " accepted by " + a.node())
                    .isLessThan(WITHIN_A_MINUTE);
        }
        for (SubmissionLoad.Accepted a : node2.held()) {
            assertThat(deliveries.get(a.queueId()).takenOverBy()).as("node holding " + a.queueId() + " at the end")
                    .isIn("mssante-1", "mssante-3");
        }
        for (SubmissionLoad.Accepted a : node3.held()) {
            assertThat(deliveries.get(a.queueId()).takenOverBy()).as("node holding " + a.queueId() + " at the end")
                    .isEqualTo("mssante-1");
        }
        long recovered = accepted.stream().filter(a -> !a.node().equals("node-1.cluster.test")
                && deliveries.get(a.queueId()).deliveredAt().toInstant().isAfter(
                        a.node().equals("node-2.cluster.test") ? node2.killedAt() : node3.killedAt())).count();
        System.out.println("cluster test: " + recovered + " messages accepted by a node were delivered after its death");

        Map<String, Integer> overImap = subjectsInInbox(ca, run);
        assertThat(overImap.values()).as("copies over IMAP of each message of the run").allMatch(n -> n == 1);
        assertThat(overImap.keySet()).as("every 250 visible over IMAP")
                .containsAll(accepted.stream().map(SubmissionLoad.Accepted::subject).toList());

        for (ImapReader reader : readers) {
            assertThat(reader.protocolErrors).as("NO/BAD answers to the IMAP clients").isEmpty();
            assertThat(reader.lastOk).as("an IMAP client served after the last kill").isAfter(node3.killedAt());
            assertThat(reader.longestOutage).as("longest time an IMAP client was without service")
                    .isLessThan(Duration.ofSeconds(30));
        }
        assertThat(readers.stream().mapToInt(r -> r.reconnects.get()).sum())
                .as("IMAP clients that reconnected through HAProxy after their node died").isPositive();

        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + cluster.haproxy().httpPort + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as("/health through HAProxy with one node left").isEqualTo(200);

        // Node 2 comes back with the journal it died with: its requests for messages that others delivered are
        // no-ops, and its broker rejoins node 1's through its second peer (its first, node 3, is dead).
        cluster.restart(2);
        IdleWatcher onNode1 = new IdleWatcher(cluster.address(1), ca, probes);
        try (onNode1) {
            awaitBrokersClustered(Map.of(1, onNode1), List.of(2), ca, probes, appended);
        }
        Map<String, Delivery> afterRestart = awaitDelivered(accepted, Instant.now().plusSeconds(10));
        for (SubmissionLoad.Accepted a : accepted) {
            assertThat(afterRestart.get(a.queueId()).copies())
                    .as("copies of " + a.queueId() + " after node 2 replayed its journal").isEqualTo(1);
        }
        assertThat(subjectsInInbox(ca, run).values()).as("copies over IMAP after node 2's restart").allMatch(n -> n == 1);
    }

    /**
     * Kills node {@code victim} while it holds accepted mail that it has not delivered, so that only a takeover
     * can deliver it: delivery is held on every node for a moment (this test locks the {@code folder} table,
     * whose rows delivery locks to allocate UIDs, ADR 0003; intake never touches it), three messages are
     * submitted directly to the victim and get their 250, the victim gets {@code kill -9}, the lock goes.
     * The dead node's database session, blocked on the lock, rolls back when it finds its client gone.
     *
     * @return the three messages, accepted by the victim and QUEUED when it died, and the time of death
     */
    private static Victim killWithUndeliveredMail(int victim, SSLContext tls, String run,
                                                                         AtomicInteger sequence) throws Exception {
        SubmissionLoad direct = new SubmissionLoad(cluster.address(victim), NamespaceCluster.SUBMISSION, tls, USER,
                APP_PASSWORD, run, 0, sequence);
        try (Connection db = cluster.database().connect()) {
            db.setAutoCommit(false);
            try (Statement lock = db.createStatement()) {
                lock.execute("LOCK TABLE folder IN EXCLUSIVE MODE");
            }
            List<SubmissionLoad.Accepted> held = direct.sendBatch(3);
            assertThat(held).as("messages accepted by node " + victim + " while delivery is held").hasSize(3);
            try (PreparedStatement q = db.prepareStatement(
                    "SELECT count(*) FROM intake_message WHERE queue_id = ANY (?) AND status = 'QUEUED'")) {
                q.setArray(1, db.createArrayOf("varchar",
                        held.stream().map(SubmissionLoad.Accepted::queueId).toArray()));
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("of them still QUEUED when node " + victim + " dies").isEqualTo(3);
                }
            }
            cluster.kill(victim);
            Instant killedAt = Instant.now();
            db.commit();
            return new Victim(held, killedAt);
        }
    }

    /**
     * Appends on each of {@code sources} in turn until every IDLE session of {@code watchers} hears of every
     * append: each broker has joined the cluster and learnt of the others' subscribers (a topic message stays
     * local until then).
     *
     * @param appended how many messages the probe folder holds now
     * @return how many messages the probe folder holds
     */
    private static int awaitBrokersClustered(Map<Integer, IdleWatcher> watchers, List<Integer> sources, Path ca,
                                             String folder, int appended) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            boolean all = true;
            for (int source : sources) {
                append(source, ca, folder, "warm-up");
                appended++;
                for (IdleWatcher w : watchers.values()) {
                    all &= w.awaitExists(appended, Duration.ofSeconds(2));
                }
            }
            if (all) {
                return appended;
            }
            assertThat(System.nanoTime()).as("brokers clustered within 2 minutes").isLessThan(deadline);
        }
    }

    /** Appends on node {@code source}; the IDLE sessions on {@code listeners} must hear of it within 5 seconds. */
    private static int appendAndExpect(int source, Map<Integer, IdleWatcher> watchers, List<Integer> listeners, Path ca,
                                       String folder, int appended) throws Exception {
        append(source, ca, folder, "after a kill");
        int now = appended + 1;
        for (int listener : listeners) {
            assertThat(watchers.get(listener).awaitExists(now, Duration.ofSeconds(5)))
                    .as("IDLE on node " + listener + " told of an APPEND on node " + source).isTrue();
        }
        return now;
    }

    private static void append(int node, Path ca, String folder, String subject) throws IOException {
        try (ImapWire imap = new ImapWire(cluster.address(node), IMAP, ca)) {
            imap.command("LOGIN " + USER + " " + APP_PASSWORD);
            String message = "Subject: " + subject + "\r\nFrom: " + USER + "\r\n\r\nAppended on node " + node + ".\r\n";
            imap.command("APPEND " + folder + " {" + message.length() + "+}\r\n" + message);
        }
    }

    private record Victim(List<SubmissionLoad.Accepted> held, Instant killedAt) {
    }

    /** @param takenOverBy the name of the node whose broker held the request last */
    private record Delivery(int copies, OffsetDateTime receivedAt, OffsetDateTime deliveredAt, String takenOverBy) {
    }

    /** Waits until every accepted message is DELIVERED (or {@code deadline}); its copies in folders and times. */
    private static Map<String, Delivery> awaitDelivered(List<SubmissionLoad.Accepted> accepted, Instant deadline)
            throws Exception {
        String[] queueIds = accepted.stream().map(SubmissionLoad.Accepted::queueId).toArray(String[]::new);
        try (Connection db = cluster.database().connect()) {
            while (true) {
                Map<String, Delivery> found = new HashMap<>();
                try (PreparedStatement q = db.prepareStatement("""
                        SELECT i.queue_id, i.received_at, i.delivered_at,
                               (SELECT count(*) FROM message m WHERE m.intake_message_id = i.id), n.node_name
                        FROM intake_message i LEFT JOIN cluster_node n ON n.incarnation = i.queued_on
                        WHERE i.queue_id = ANY (?) AND i.status = 'DELIVERED'""")) {
                    q.setArray(1, db.createArrayOf("varchar", queueIds));
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            found.put(rs.getString(1), new Delivery(rs.getInt(4), rs.getObject(2, OffsetDateTime.class),
                                    rs.getObject(3, OffsetDateTime.class), rs.getString(5)));
                        }
                    }
                }
                if (found.size() == queueIds.length) {
                    return found;
                }
                assertThat(Instant.now()).as((queueIds.length - found.size()) + " accepted messages not delivered")
                        .isBefore(deadline);
                Thread.sleep(1000);
            }
        }
    }

    /** Subject → copies, of the INBOX messages whose Subject starts with {@code run}, over IMAP through HAProxy. */
    private static Map<String, Integer> subjectsInInbox(Path ca, String run) throws IOException {
        try (ImapWire imap = new ImapWire(cluster.haproxy().imapPort, ca)) {
            imap.command("LOGIN " + USER + " " + APP_PASSWORD);
            imap.command("SELECT INBOX");
            return imap.command("FETCH 1:* (BODY.PEEK[HEADER.FIELDS (SUBJECT)])").stream()
                    .filter(line -> line.startsWith("Subject: " + run))
                    .map(line -> line.substring("Subject: ".length()).strip())
                    .collect(Collectors.toMap(Function.identity(), s -> 1, Integer::sum));
        }
    }

    /** An IMAP session in IDLE on one node's probe folder, connected directly to that node. */
    private static final class IdleWatcher implements AutoCloseable {

        private final ImapWire imap;

        IdleWatcher(String node, Path ca, String folder) throws IOException {
            imap = new ImapWire(node, IMAP, ca);
            imap.command("LOGIN " + USER + " " + APP_PASSWORD);
            imap.command("SELECT " + folder);
            imap.send("i IDLE");
            String go = imap.readLine();
            if (go == null || !go.startsWith("+")) {
                throw new IOException("IDLE refused: " + go);
            }
        }

        /** Whether an untagged {@code * n EXISTS} with n ≥ {@code count} arrives within {@code timeout}. */
        boolean awaitExists(int count, Duration timeout) throws IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                if (System.nanoTime() >= deadline) {
                    return false;
                }
                imap.timeout((int) left);
                String line;
                try {
                    line = imap.readLine();
                } catch (SocketTimeoutException notYet) {
                    return false;
                }
                if (line == null) {
                    throw new IOException("IDLE session closed by the server");
                }
                if (line.matches("\\* \\d+ EXISTS") && Integer.parseInt(line.split(" ")[1]) >= count) {
                    return true;
                }
            }
        }

        @Override
        public void close() {
            try {
                imap.close();
            } catch (IOException ignored) {
                // a killed node's socket: nothing to close cleanly
            }
        }
    }
}
