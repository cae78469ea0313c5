package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ADR 0024: a message accepted by a node that died before delivering it is delivered by a live node within
 * a minute, once. The dead node is written into the shared database as it would be left by a crash: an
 * incarnation whose heartbeat stopped, a QUEUED message whose only delivery request was in that node's
 * broker journal (gone with it). A message of a node that is still beating is left to that node.
 */
@ExtendWith(PlatformExtension.class)
class DeadNodeTakeoverIT {

    private static final String USER = "dr.martin@hopital-demo.mssante.fr";
    private static final String DEMO_APP_PASSWORD = "Demo-Mssante-2026";

    private final LocalPlatform platform;

    DeadNodeTakeoverIT(LocalPlatform platform) {
        this.platform = platform;
    }

    @Test
    void a_message_queued_on_a_dead_node_reaches_the_mailbox_within_a_minute_exactly_once() throws Exception {
        UUID deadNode = UUID.randomUUID();
        String subject = "orphan-" + deadNode;
        UUID message;
        try (Connection db = platform.database().connect()) {
            registerNode(db, deadNode, "-1 minute");
            message = queuedMessage(db, deadNode, subject);
        }
        long start = System.nanoTime();
        awaitDelivered(message, Duration.ofMinutes(1));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMinutes(1));

        try (Connection db = platform.database().connect()) {
            UUID takenBy = queryUuid(db, "SELECT queued_on FROM intake_message WHERE id = ?", message);
            assertThat(takenBy).as("the live node that took the message over").isNotEqualTo(deadNode);
            assertThat(queryUuid(db, "SELECT incarnation FROM cluster_node WHERE incarnation = ? "
                    + "AND last_seen > now() - interval '20 seconds'", takenBy)).isEqualTo(takenBy);
        }
        assertThat(inboxMatches(subject)).as("copies of the message in the INBOX, over IMAP").hasSize(1);
    }

    @Test
    void a_message_queued_on_a_node_that_still_beats_is_left_to_it() throws Exception {
        UUID liveNode = UUID.randomUUID();
        UUID message;
        try (Connection db = platform.database().connect()) {
            // Beating "in the future": alive for the whole test without a heartbeat thread here.
            registerNode(db, liveNode, "+1 hour");
            message = queuedMessage(db, liveNode, "kept-" + liveNode);
        }
        // Longer than a dead node's takeover (heartbeat tick + the node's own sweep) in the other test.
        Thread.sleep(15_000);
        try (Connection db = platform.database().connect()) {
            assertThat(status(db, message)).isEqualTo("QUEUED");
            assertThat(queryUuid(db, "SELECT queued_on FROM intake_message WHERE id = ?", message)).isEqualTo(liveNode);
            // The node dies: now it is taken over like any other.
            try (PreparedStatement dies = db.prepareStatement(
                    "UPDATE cluster_node SET last_seen = now() - interval '1 minute' WHERE incarnation = ?")) {
                dies.setObject(1, liveNode);
                dies.executeUpdate();
            }
        }
        awaitDelivered(message, Duration.ofMinutes(1));
    }

    private static void registerNode(Connection db, UUID incarnation, String lastSeenFromNow) throws Exception {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO cluster_node (incarnation, node_name, "
                + "started_at, last_seen) VALUES (?, 'test-node', now() - interval '1 hour', now() + CAST(? AS interval))")) {
            insert.setObject(1, incarnation);
            insert.setString(2, lastSeenFromNow);
            insert.executeUpdate();
        }
    }

    /** What intake leaves behind on the accepting node: the blob and a QUEUED envelope naming that node. */
    private static UUID queuedMessage(Connection db, UUID node, String subject) throws Exception {
        byte[] content = ("Received: from test by dead-node\r\nFrom: <" + USER + ">\r\nTo: <" + USER + ">\r\nSubject: "
                + subject + "\r\nMessage-ID: <" + UUID.randomUUID() + "@dead-node>\r\n\r\nAccepted by a node that died.\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        try (PreparedStatement blob = db.prepareStatement("INSERT INTO blob (sha256, size, content) VALUES (?, ?, ?)")) {
            blob.setString(1, sha256);
            blob.setLong(2, content.length);
            blob.setBytes(3, content);
            blob.executeUpdate();
        }
        UUID id = UUID.randomUUID();
        try (PreparedStatement intake = db.prepareStatement("INSERT INTO intake_message (id, queue_id, received_at, "
                + "session_id, client_address, service, reverse_path, recipients, blob_sha256, size, status, enqueued_at, "
                + "queued_on) VALUES (?, ?, now(), 'dead-node-session', '192.0.2.1', 'submission', ?, ?, ?, ?, 'QUEUED', "
                + "now(), ?)")) {
            intake.setObject(1, id);
            intake.setString(2, "T" + id.toString().replace("-", "").substring(0, 20));
            intake.setString(3, USER);
            intake.setArray(4, db.createArrayOf("text", new String[]{USER}));
            intake.setString(5, sha256);
            intake.setLong(6, content.length);
            intake.setObject(7, node);
            intake.executeUpdate();
        }
        return id;
    }

    private void awaitDelivered(UUID message, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection db = platform.database().connect()) {
            while (!"DELIVERED".equals(status(db, message))) {
                assertThat(System.nanoTime()).as("delivered within " + timeout).isLessThan(deadline);
                Thread.sleep(250);
            }
        }
    }

    private static String status(Connection db, UUID message) throws Exception {
        try (PreparedStatement q = db.prepareStatement("SELECT status FROM intake_message WHERE id = ?")) {
            q.setObject(1, message);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static UUID queryUuid(Connection db, String sql, UUID parameter) throws Exception {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            q.setObject(1, parameter);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        }
    }

    /** The numbers of the INBOX messages whose Subject is {@code subject} (SEARCH, RFC 3501 section 6.4.4). */
    private List<String> inboxMatches(String subject) throws Exception {
        try (ImapWire imap = new ImapWire(platform.settings().imapPort(), platform.caCertificate())) {
            imap.command("LOGIN " + USER + " " + DEMO_APP_PASSWORD);
            imap.command("SELECT INBOX");
            for (String line : imap.command("SEARCH HEADER Subject \"" + subject + "\"")) {
                if (line.startsWith("* SEARCH")) {
                    String numbers = line.substring("* SEARCH".length()).strip();
                    return numbers.isEmpty() ? List.of() : List.of(numbers.split(" "));
                }
            }
            return List.of();
        }
    }
}
