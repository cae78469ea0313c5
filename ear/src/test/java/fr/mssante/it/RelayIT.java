package fr.mssante.it;

import fr.mssante.devstack.DevCertificates;
import fr.mssante.devstack.DevWhitelist;
import fr.mssante.devstack.LocalPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.security.auth.x500.X500Principal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static fr.mssante.it.Identities.DR_MARTIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outbound relay (issue 9 item 3, ADR 0018) from the test platform to a stand-in peer operator
 * ({@link StandInPeer}) on the loopback port the platform routes {@code peer.mssante-test.fr} to, with the
 * test platform's short schedule: retry after 3 s, delay notice after 6 s, expiry after 20 s (the relay's
 * timer looks every 15 s). dr.martin submits as a mail client does; notices are read from his INBOX.
 */
@ExtendWith(PlatformExtension.class)
class RelayIT {

    private static final String PEER = DevWhitelist.TEST_PEER_DOMAIN;
    private static final String DEMO_APP_PASSWORD = "Demo-Mssante-2026";
    private static final Duration RELAY_WAIT = Duration.ofSeconds(90);
    /** The test platform's expire-after (180 s, LocalPlatform.forTests) and a margin. */
    private static final Duration EXPIRY_WAIT = Duration.ofMinutes(4);

    private static StandInPeer peer;

    private final MailUser drMartin;

    RelayIT(LocalPlatform platform) {
        this.drMartin = new MailUser(DR_MARTIN, DEMO_APP_PASSWORD, platform.settings().submissionPort(),
                platform.settings().imapPort(), platform.caCertificate());
    }

    @BeforeAll
    static void peerOperator() throws Exception {
        LocalPlatform platform = PlatformSession.platform();
        DevCertificates.OperatorFiles operator = platform.devCertificates().issueOperator(DevWhitelist.TEST_PEER_DN,
                "relay-it-peer", platform.settings().workDir().resolve("relay-it"));
        peer = new StandInPeer(LocalPlatform.testRelayPeerPort(platform.settings()), operator.certificate(),
                operator.privateKey(), platform.caCertificate());
    }

    @AfterAll
    static void stopPeer() throws Exception {
        if (peer != null) {
            peer.close();
        }
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static byte[] message(String subject, String to) {
        return ("From: <" + DR_MARTIN + ">\r\nTo: <" + to + ">\r\nSubject: " + subject + "\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@hopital-demo.mssante.fr>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Compte rendu pour le Dr Hélène Durand.\r\n.Une ligne qui commence par un point.\r\n..et deux.\r\n"
                + "Fin.\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void a_submitted_message_reaches_the_peer_over_mutual_tls_with_its_exact_bytes() throws Exception {
        String to = "someone-" + tag() + "@" + PEER;
        byte[] body = message("Relais " + tag(), to);

        assertThat(drMartin.submit(body, to)).startsWith("250");

        StandInPeer.Received got = await(() -> peer.receivedFor(to), RELAY_WAIT).get(0);
        assertThat(new X500Principal(got.clientSubject())).as("our operator certificate, verified by the peer")
                .isEqualTo(new X500Principal(DevCertificates.OPERATOR_NAME));
        assertThat(got.mailFrom()).isEqualTo(DR_MARTIN);
        assertThat(got.recipients()).containsExactly(to);
        String data = new String(got.data(), StandardCharsets.UTF_8);
        // Our Received trace header first (RFC 5321 section 4.4), then the submitted bytes untouched.
        assertThat(data).startsWith("Received: ");
        assertThat(got.data()).endsWith(body);
        assertThat(peer.receivedFor(to)).hasSize(1);
    }

    @Test
    void a_temporary_refusal_is_retried_and_the_message_delivered_once() throws Exception {
        String to = "busy-" + tag() + "@" + PEER;
        peer.script(to, "450 4.2.1 mailbox busy, try later");

        assertThat(drMartin.submit(message("Relais retry " + tag(), to), to)).startsWith("250");

        await(() -> peer.receivedFor(to), RELAY_WAIT);
        assertThat(peer.rcptSeen.stream().filter(to::equals)).as("refused once, then accepted").hasSize(2);
        // One more turn of the relay's timer: nothing is sent again.
        Thread.sleep(16_000);
        assertThat(peer.receivedFor(to)).hasSize(1);
    }

    @Test
    void a_permanent_refusal_fails_that_recipient_with_a_notice_and_the_other_is_sent() throws Exception {
        String tag = tag();
        String ok = "ok-" + tag + "@" + PEER;
        String gone = "gone-" + tag + "@" + PEER;
        peer.script(gone, "550 5.1.1 no such user here");

        assertThat(drMartin.submit(message("Relais partiel " + tag, ok), ok, gone)).startsWith("250");

        StandInPeer.Received got = await(() -> peer.receivedFor(ok), RELAY_WAIT).get(0);
        assertThat(got.recipients()).containsExactly(ok);
        String notice = awaitNotice("Undelivered Mail", gone);
        assertThat(notice).contains("Action: failed").contains("Status: 5.1.1").contains("550 5.1.1 no such user here");
        assertThat(notice).doesNotContain("Final-Recipient: rfc822;" + ok);
    }

    @Test
    void a_peer_that_stays_down_gets_retries_then_a_delay_notice_then_a_failure_notice() throws Exception {
        String to = "down-" + tag() + "@" + PEER;
        peer.stop();
        try {
            assertThat(drMartin.submit(message("Relais en panne " + tag(), to), to)).startsWith("250");

            assertThat(awaitNotice("Delayed Mail", to)).contains("Action: delayed").contains("Will-Retry-Until:");
            assertThat(awaitNotice("Undelivered Mail", to, EXPIRY_WAIT)).contains("Action: failed")
                    .contains("Status: 4.4.7");
        } finally {
            peer.start();
        }
        assertThat(peer.receivedFor(to)).isEmpty();
    }

    @Test
    void a_domain_outside_the_trust_space_is_refused_at_rcpt() throws Exception {
        String to = "someone@not-on-the-list.example.fr";

        String reply = drMartin.submit(message("Hors espace de confiance", to), to);

        assertThat(reply).startsWith("550 5.7.1").contains("not-on-the-list.example.fr is not in the MSSante trust space");
    }

    /** The raw notice in dr.martin's INBOX whose subject has {@code subject} and which is about {@code address}. */
    private String awaitNotice(String subject, String address) throws Exception {
        return awaitNotice(subject, address, RELAY_WAIT);
    }

    private String awaitNotice(String subject, String address, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        do {
            for (long uid : drMartin.uidsWithSubject(subject)) {
                String raw = new String(drMartin.raw(uid), StandardCharsets.UTF_8);
                if (raw.contains("Final-Recipient: rfc822;" + address)) {
                    return raw;
                }
            }
            Thread.sleep(1000);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("no '" + subject + "' notice about " + address + " within " + RELAY_WAIT);
    }

    private static <T> List<T> await(Supplier<List<T>> found, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        do {
            List<T> now = found.get();
            if (!now.isEmpty()) {
                return now;
            }
            Thread.sleep(500);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("nothing within " + timeout);
    }
}
