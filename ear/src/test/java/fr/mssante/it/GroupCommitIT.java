package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ADR 0037, the intake's group commit, over real SMTP connections: many clients send at once, so that
 * messages completed while an intake transaction commits share the next one. Some messages cannot be
 * stored: the database refuses their envelope row (a trigger stands for a constraint the row breaks), which
 * rolls back the whole transaction of their group. Then:
 * <ul>
 *   <li>every message answered 250 is delivered exactly once, in the right inbox;</li>
 *   <li>every refused message got a 4xx (the client keeps it, RFC 5321 section 4.2.5) and is delivered
 *       nowhere;</li>
 *   <li>the refused messages did not take their neighbours down: all the others got 250, although a group
 *       holding a refused message did fail (seen in the server log).</li>
 * </ul>
 */
@ExtendWith(PlatformExtension.class)
class GroupCommitIT {

    private static final int CLIENTS = 16;
    private static final int MESSAGES_PER_CLIENT = 15;
    private static final int MAILBOXES = 4;
    /** Every this many messages of a client, one the database refuses. */
    private static final int POISON_EVERY = 5;

    private final LocalPlatform platform;
    private final RestClient rest;

    GroupCommitIT(LocalPlatform platform) {
        this.platform = platform;
        this.rest = RestClient.asOperator(platform);
    }

    @Test
    void every_250_is_delivered_once_and_a_message_that_cannot_be_stored_fails_alone() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String poisonSender = "poison-" + run;
        List<String> mailboxes = new ArrayList<>();
        for (int i = 0; i < MAILBOXES; i++) {
            String address = "group-" + run + "-" + i + "@hopital-demo.mssante.fr";
            assertThat(rest.post("/api/v1/mailboxes", "{\"address\":\"" + address + "\",\"type\":\"ORG\"}").status())
                    .isEqualTo(201);
            mailboxes.add(address);
        }
        long failedGroupsBefore = failedGroupsInServerLog();

        Map<String, String> replies = new ConcurrentHashMap<>();   // subject -> last reply line
        Map<String, String> expected = new HashMap<>();           // subject -> mailbox, for the good ones
        Set<String> poisoned = ConcurrentHashMap.newKeySet();
        refuseEnvelopesFrom(poisonSender);
        try {
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                List<String[]> plan = new ArrayList<>();
                for (int i = 0; i < MESSAGES_PER_CLIENT; i++) {
                    String subject = "group " + run + " c" + client + " m" + i;
                    String to = mailboxes.get((client + i) % MAILBOXES);
                    boolean poison = (client + i) % POISON_EVERY == 0;
                    plan.add(new String[]{subject, to, poison ? poisonSender : "sender-" + client});
                    if (poison) {
                        poisoned.add(subject);
                    } else {
                        expected.put(subject, to);
                    }
                }
                clients.add(pool.submit(() -> {
                    sendAll(plan, replies);
                    return null;
                }));
            }
            for (Future<?> f : clients) {
                f.get();
            }
            pool.shutdown();
        } finally {
            stopRefusing();
        }

        expected.keySet().forEach(subject ->
                assertThat(replies.get(subject)).as("reply to " + subject).startsWith("250"));
        poisoned.forEach(subject ->
                assertThat(replies.get(subject)).as("reply to " + subject).startsWith("451"));
        assertThat(failedGroupsInServerLog() - failedGroupsBefore)
                .as("groups that failed because of a refused message and were offered message by message")
                .isPositive();

        Map<String, List<String>> delivered = InboxCopies.await(platform, "group " + run + " ", expected.size());
        assertThat(delivered.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((subject, mailbox) ->
                assertThat(delivered.get(subject)).as(subject).containsExactly(mailbox));
    }

    /** Sends the plan on one connection; a refused message ends its connection's usefulness: open another. */
    private void sendAll(List<String[]> plan, Map<String, String> replies) throws MessagingException {
        SmtpClient smtp = SmtpClient.asPeerOperator(platform);
        try {
            for (String[] m : plan) {
                try {
                    smtp.send(smtp.message(TestPeerOperator.address(m[2]), m[0], "corps " + m[0], m[1]));
                    replies.put(m[0], smtp.lastReply());
                } catch (MessagingException refused) {
                    replies.put(m[0], smtp.lastReply());
                    smtp.close();
                    smtp = SmtpClient.asPeerOperator(platform);
                }
            }
        } finally {
            smtp.close();
        }
    }

    /** The database refuses the envelope row of every message from {@code sender}, as a broken constraint would. */
    private void refuseEnvelopesFrom(String sender) throws Exception {
        try (Connection db = platform.database().connect(); Statement s = db.createStatement()) {
            s.execute("""
                    CREATE FUNCTION group_commit_it_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF NEW.reverse_path LIKE '%s@%%' THEN
                            RAISE EXCEPTION 'GroupCommitIT refuses this envelope';
                        END IF;
                        RETURN NEW;
                    END $$""".formatted(sender));
            s.execute("CREATE TRIGGER group_commit_it_refuse BEFORE INSERT ON intake_message"
                    + " FOR EACH ROW EXECUTE FUNCTION group_commit_it_refuse()");
        }
    }

    private void stopRefusing() throws Exception {
        try (Connection db = platform.database().connect(); Statement s = db.createStatement()) {
            s.execute("DROP TRIGGER IF EXISTS group_commit_it_refuse ON intake_message");
            s.execute("DROP FUNCTION IF EXISTS group_commit_it_refuse()");
        }
    }

    private long failedGroupsInServerLog() throws Exception {
        String log = Files.readString(platform.server().serverLog(), StandardCharsets.UTF_8);
        return log.lines().filter(line -> line.contains("A group commit of") && line.contains("failed")).count();
    }
}
