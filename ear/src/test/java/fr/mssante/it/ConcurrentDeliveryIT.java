package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** 20 parallel SMTP clients × 50 messages to 10 mailboxes: every message exactly once, UIDs in order. */
@Order(2)
@ExtendWith(PlatformExtension.class)
class ConcurrentDeliveryIT {

    private static final int CLIENTS = 20;
    private static final int MESSAGES_PER_CLIENT = 50;
    private static final int MAILBOXES = 10;

    private final LocalPlatform platform;
    private final RestClient rest;

    ConcurrentDeliveryIT(LocalPlatform platform) {
        this.platform = platform;
        this.rest = RestClient.asOperator(platform);
    }

    @Test
    void every_message_lands_exactly_once_in_the_right_inbox_with_ascending_uids() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> mailboxes = new ArrayList<>();
        for (int i = 0; i < MAILBOXES; i++) {
            String address = "conc-" + run + "-" + i + "@hopital-demo.mssante.fr";
            assertThat(rest.post("/api/v1/mailboxes", "{\"address\":\"" + address + "\",\"type\":\"ORG\"}").status())
                    .isEqualTo(201);
            mailboxes.add(address);
        }

        Map<String, String> expected = new HashMap<>();   // subject -> mailbox
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            List<String[]> plan = new ArrayList<>();
            for (int i = 0; i < MESSAGES_PER_CLIENT; i++) {
                String subject = "conc " + run + " c" + client + " m" + i;
                String to = mailboxes.get((client * MESSAGES_PER_CLIENT + i) % MAILBOXES);
                plan.add(new String[]{subject, to});
                expected.put(subject, to);
            }
            clients.add(pool.submit(() -> {
                try (SmtpClient smtp = SmtpClient.asPeerOperator(platform)) {
                    for (String[] m : plan) {
                        smtp.send(smtp.message(TestPeerOperator.address("sender-" + client), m[0], "corps " + m[0], m[1]));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : clients) {
            f.get();
        }
        pool.shutdown();

        Map<String, List<String>> delivered = awaitDelivered(run, expected.size());
        assertThat(delivered).hasSize(expected.size());
        expected.forEach((subject, mailbox) ->
                assertThat(delivered.get(subject)).as(subject).containsExactly(mailbox));

        try (Connection db = platform.database().connect()) {
            for (String mailbox : mailboxes) {
                List<Long> uids = InboxUids.inModseqOrder(db, mailbox);
                int perMailbox = CLIENTS * MESSAGES_PER_CLIENT / MAILBOXES;
                assertThat(uids).as("UIDs of " + mailbox).hasSize(perMailbox).doesNotHaveDuplicates().isSorted();
                assertThat(uids.get(0)).isEqualTo(1);
                assertThat(uids.get(perMailbox - 1)).isEqualTo(perMailbox);
            }
        }
    }

    /** subject -> the mailboxes holding it, once all {@code count} messages of the run are in. */
    private Map<String, List<String>> awaitDelivered(String run, int count) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        Map<String, List<String>> delivered = new HashMap<>();
        while (System.currentTimeMillis() < deadline) {
            delivered.clear();
            try (Connection db = platform.database().connect();
                 PreparedStatement q = db.prepareStatement("""
                         SELECT c.subject, b.address FROM message m
                         JOIN message_content c ON c.blob_sha256 = m.blob_sha256
                         JOIN folder f ON f.id = m.folder_id JOIN mailbox b ON b.id = f.mailbox_id
                         WHERE f.name = 'INBOX' AND c.subject LIKE ?""")) {
                q.setString(1, "conc " + run + " %");
                try (ResultSet rs = q.executeQuery()) {
                    int rows = 0;
                    while (rs.next()) {
                        delivered.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                        rows++;
                    }
                    if (rows >= count) {
                        return delivered;
                    }
                }
            }
            Thread.sleep(500);
        }
        return delivered;
    }
}
