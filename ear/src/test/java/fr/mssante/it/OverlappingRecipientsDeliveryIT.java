package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multi-recipient messages over overlapping mailboxes, sent concurrently with their recipients in random
 * order: deliveries lock the recipients' folders, and before ADR 0034 two messages naming the same folders
 * in opposite orders deadlocked in PostgreSQL (rolled back, redelivered later). Every copy must arrive once,
 * with no deadlock in the database statistics nor in the server log.
 */
@ExtendWith(PlatformExtension.class)
class OverlappingRecipientsDeliveryIT {

    private static final int CLIENTS = 8;
    private static final int MESSAGES_PER_CLIENT = 30;
    private static final int MAILBOXES = 5;
    private static final int RECIPIENTS_PER_MESSAGE = 3;

    private final LocalPlatform platform;
    private final RestClient rest;

    OverlappingRecipientsDeliveryIT(LocalPlatform platform) {
        this.platform = platform;
        this.rest = RestClient.asOperator(platform);
    }

    @Test
    void concurrent_multi_recipient_messages_over_shared_folders_are_each_delivered_once_without_deadlock()
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> mailboxes = new ArrayList<>();
        for (int i = 0; i < MAILBOXES; i++) {
            String address = "overlap-" + run + "-" + i + "@hopital-demo.mssante.fr";
            assertThat(rest.post("/api/v1/mailboxes", "{\"address\":\"" + address + "\",\"type\":\"ORG\"}").status())
                    .isEqualTo(201);
            mailboxes.add(address);
        }
        long deadlocksBefore = databaseDeadlocks();
        long loggedBefore = deadlocksInServerLog();

        Map<String, List<String>> expected = new HashMap<>();   // subject -> its recipients
        Random random = new Random(42);
        List<List<String[]>> plans = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            List<String[]> plan = new ArrayList<>();
            for (int i = 0; i < MESSAGES_PER_CLIENT; i++) {
                List<String> shuffled = new ArrayList<>(mailboxes);
                Collections.shuffle(shuffled, random);
                List<String> to = shuffled.subList(0, RECIPIENTS_PER_MESSAGE);
                String subject = "overlap " + run + " c" + c + " m" + i;
                expected.put(subject, List.copyOf(to));
                plan.add(new String[]{subject, to.get(0), to.get(1), to.get(2)});
            }
            plans.add(plan);
        }
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(pool.submit(() -> {
                try (SmtpClient smtp = SmtpClient.asPeerOperator(platform)) {
                    for (String[] m : plans.get(client)) {
                        smtp.send(smtp.message(TestPeerOperator.address("overlap-" + client), m[0], "corps " + m[0],
                                m[1], m[2], m[3]));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : clients) {
            f.get();
        }
        pool.shutdown();

        int copies = CLIENTS * MESSAGES_PER_CLIENT * RECIPIENTS_PER_MESSAGE;
        Map<String, List<String>> delivered = InboxCopies.await(platform, "overlap " + run + " ", copies);
        assertThat(delivered).hasSize(expected.size());
        expected.forEach((subject, to) ->
                assertThat(delivered.get(subject)).as(subject).containsExactlyInAnyOrderElementsOf(to));
        try (Connection db = platform.database().connect()) {
            for (String mailbox : mailboxes) {
                List<Long> uids = InboxUids.inModseqOrder(db, mailbox);
                assertThat(uids).as("UIDs of " + mailbox).doesNotHaveDuplicates().isSorted();
                assertThat(uids).as("UIDs of " + mailbox + " have no gap").hasSize(uids.isEmpty() ? 0
                        : uids.get(uids.size() - 1).intValue());
            }
        }
        // A backend reports its statistics at a transaction end at most once a second, an idle one after 10 s.
        Thread.sleep(11_000);
        assertThat(databaseDeadlocks() - deadlocksBefore).as("deadlocks counted by PostgreSQL").isZero();
        assertThat(deadlocksInServerLog() - loggedBefore).as("'deadlock detected' in the server log").isZero();
    }

    private long databaseDeadlocks() throws Exception {
        try (Connection db = platform.database().connect();
             PreparedStatement q = db.prepareStatement(
                     "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")) {
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long deadlocksInServerLog() throws Exception {
        String log = Files.readString(platform.server().serverLog(), StandardCharsets.UTF_8);
        return log.lines().filter(line -> line.contains("deadlock detected")).count();
    }
}
