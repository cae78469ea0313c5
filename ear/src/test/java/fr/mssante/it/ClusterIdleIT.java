package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.SocketTimeoutException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real WildFly nodes on one database, their brokers clustered (src/main/cli/cluster): an IMAP
 * session in IDLE on node 1 hears of a message APPENDed through node 2, i.e. the MailboxEvents topic
 * message published by node 2's transaction reaches node 1's subscriber.
 */
@ExtendWith(PlatformExtension.class)
class ClusterIdleIT {

    private static final String USER = "dr.martin@hopital-demo.mssante.fr";
    private static final String DEMO_APP_PASSWORD = "Demo-Mssante-2026";

    private final LocalPlatform platform;

    ClusterIdleIT(LocalPlatform platform) {
        this.platform = platform;
    }

    @BeforeAll
    static void startSecondNode() throws Exception {
        PlatformSession.platform().startSecondNode();
    }

    @AfterAll
    static void stopSecondNode() {
        PlatformSession.platform().stopSecondNode();
    }

    @Test
    void a_session_in_idle_on_node_1_sees_a_message_appended_on_node_2_within_a_second() throws Exception {
        String folder = "Cluster-" + UUID.randomUUID().toString().substring(0, 8);
        try (ImapWire node1 = new ImapWire(platform.settings().imapPort(), platform.caCertificate());
             ImapWire node2 = new ImapWire(platform.secondNodeSettings().imapPort(), platform.caCertificate())) {
            node1.command("LOGIN " + USER + " " + DEMO_APP_PASSWORD);
            node2.command("LOGIN " + USER + " " + DEMO_APP_PASSWORD);
            node2.command("CREATE " + folder);
            assertThat(node1.command("SELECT " + folder)).anyMatch(l -> l.equals("* 0 EXISTS"));
            awaitClusterFormed(node1, node2, folder);

            int before = exists(node1.command("SELECT " + folder), -1);
            assertThat(before).isPositive();
            node1.send("i2 IDLE");
            assertThat(node1.readLine()).startsWith("+");
            // Committed on node 2 when its tagged OK arrives.
            append(node2, folder, "measured");
            long committed = System.nanoTime();
            node1.timeout(5_000);
            String pushed = node1.readLine();
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - committed);
            assertThat(pushed).isEqualTo("* " + (before + 1) + " EXISTS");
            assertThat(elapsedMs).as("from APPEND OK on node 2 to the untagged EXISTS on node 1").isLessThan(1000);
            node1.send("DONE");
        }
    }

    /**
     * Node 2 has deployed, but its broker may still be connecting to node 1's and learning of node 1's
     * subscribers: until then a topic message stays on node 2. Appends on node 2 until a session in
     * IDLE on node 1 is told (no polling in the engine: only the cluster can carry it there).
     */
    private static void awaitClusterFormed(ImapWire node1, ImapWire node2, String folder) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        node1.timeout(2_000);
        node1.send("i1 IDLE");
        assertThat(node1.readLine()).startsWith("+");
        while (true) {
            append(node2, folder, "warm-up");
            try {
                String line = node1.readLine();
                if (line != null && line.endsWith(" EXISTS")) {
                    break;
                }
            } catch (SocketTimeoutException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("node 1 never heard of an APPEND on node 2: brokers not clustered");
                }
            }
        }
        node1.send("DONE");
        for (String line; !(line = node1.readLine()).startsWith("i1 "); ) {
            // the rest of the warm-up's untagged responses
        }
        node1.timeout(30_000);
    }

    private static void append(ImapWire imap, String folder, String subject) throws Exception {
        String message = "Subject: " + subject + "\r\nFrom: " + USER + "\r\n\r\nAppended on node 2.\r\n";
        imap.command("APPEND " + folder + " {" + message.length() + "+}\r\n" + message);
    }

    /** The last "* n EXISTS" among the lines, or {@code otherwise}. */
    private static int exists(List<String> lines, int otherwise) {
        int n = otherwise;
        for (String line : lines) {
            if (line.matches("\\* \\d+ EXISTS")) {
                n = Integer.parseInt(line.split(" ")[1]);
            }
        }
        return n;
    }
}
