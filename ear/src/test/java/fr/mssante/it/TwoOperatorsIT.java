package fr.mssante.it;

import fr.mssante.devstack.DevWhitelist;
import fr.mssante.devstack.LocalPlatform;
import fr.mssante.devstack.WhitelistServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static fr.mssante.it.Identities.DEMO_APP_PASSWORD;
import static fr.mssante.it.Identities.DR_MARTIN;
import static fr.mssante.it.MailWire.last;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two operators of the MSSanté trust space on this machine (issue 9): the run's platform ("A", hosting
 * hopital-demo.mssante.fr) and a second instance ("B", {@link PeerOperator}, hosting peer.mssante-test.fr),
 * each with its own database, WildFly and operator certificate from the dev CA, both reading the same
 * whitelist from the devstack's HTTPS publication. Mail goes between them only over mutually
 * authenticated TLS with the certificates the whitelist declares. Ordered: the last test stops B, then
 * restarts A.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoOperatorsIT {

    private static final Duration DELIVERY = Duration.ofSeconds(90);

    private static LocalPlatform a;
    private static PeerOperator b;
    private static MailUser drMartin;
    private static MailUser drDurand;

    @BeforeAll
    static void startTheSecondOperator() throws Exception {
        a = PlatformSession.platform();
        b = PeerOperator.start(a, LocalPlatform.testRelayPeerPort(a.settings()));
        LocalPlatform.Settings s = a.settings();
        drMartin = new MailUser(DR_MARTIN, DEMO_APP_PASSWORD, s.submissionPort(), s.imapPort(), a.caCertificate());
        drDurand = b.drDurand();
    }

    @AfterAll
    static void stopTheSecondOperator() throws Exception {
        if (b != null) {
            b.close();
        }
    }

    @Test
    @Order(1)
    void a_message_with_an_xdm_package_crosses_from_a_to_b_byte_identical_over_mutual_tls() throws Exception {
        String subject = "CR consultation " + UUID.randomUUID();
        byte[] sent = XdmMessage.build(DR_MARTIN, drDurand.address(), subject);

        assertThat(drMartin.submit(sent, drDurand.address())).startsWith("250");

        List<Long> uids = drDurand.awaitSubject(subject, DELIVERY);
        assertThat(uids).hasSize(1);
        byte[] received = drDurand.raw(uids.get(0));
        // What arrives is what left, preceded only by the trace headers each operator prepends (RFC 5321
        // section 4.4): the X-MSS-* headers, the read-receipt request and the IHE_XDM.zip are untouched.
        assertThat(endsWith(received, sent)).as("the submitted bytes arrive unchanged at the end of the message")
                .isTrue();
        List<String> trace = headerFields(new String(received, 0, received.length - sent.length,
                StandardCharsets.UTF_8));
        assertThat(trace).hasSize(2).allMatch(field -> field.startsWith("Received:"));
        assertThat(trace.get(0)).as("B's MX received it over TLS").contains("mx." + DevWhitelist.TEST_PEER_DOMAIN)
                .contains("with ESMTPS");
    }

    @Test
    @Order(2)
    void a_message_crosses_from_b_to_a() throws Exception {
        String subject = "Réponse " + UUID.randomUUID();

        assertThat(drDurand.submit(simpleMessage(drDurand.address(), DR_MARTIN, subject), DR_MARTIN)).startsWith("250");

        assertThat(drMartin.awaitSubject(subject, DELIVERY)).hasSize(1);
    }

    @Test
    @Order(3)
    void a_domain_outside_the_trust_space_is_refused_at_rcpt() throws Exception {
        String outside = "quelquun@hors-espace-de-confiance.example";
        String reply = drMartin.submit(simpleMessage(DR_MARTIN, outside, "Hors espace"), outside);
        assertThat(reply).startsWith("550 5.7.1").contains("trust space");
    }

    @Test
    @Order(4)
    void a_spoofed_local_sender_on_the_peers_mx_is_refused() throws Exception {
        try (MailWire smtp = MailWire.plain(b.platform().settings().smtpPort())) {
            smtp.line();
            smtp.smtp("EHLO usurpateur.example");
            assertThat(last(smtp.smtp("MAIL FROM:<" + drDurand.address() + ">"))).startsWith("550 5.7.1");
        }
    }

    @Test
    @Order(5)
    void a_peer_whose_certificate_the_whitelist_does_not_declare_is_refused_both_ways() throws Exception {
        WhitelistServer whitelist = a.whitelistServer();
        String ownDn = whitelist.serverSubject();
        OffsetDateTime since = OffsetDateTime.now();
        List<DevWhitelist.Entry> impostor = new ArrayList<>();
        for (DevWhitelist.Entry entry : DevWhitelist.platformList(ownDn)) {
            impostor.add(entry.domain().equals(DevWhitelist.TEST_PEER_DOMAIN)
                    ? new DevWhitelist.Entry(entry.domain(), "CN=autre-operateur.mssante-test.fr,O=MSSante dev,C=FR")
                    : entry);
        }
        String toB = "Vers B refusé " + UUID.randomUUID();
        String toA = "Vers A refusé " + UUID.randomUUID();
        try {
            publishAndRefresh(impostor);

            // A will not hand mail to a B that presents a certificate the list does not declare: kept, retried.
            assertThat(drMartin.submit(simpleMessage(DR_MARTIN, drDurand.address(), toB), drDurand.address()))
                    .startsWith("250");
            awaitRelayDeferred(since, "is not the operator certificate the whitelist declares for "
                    + DevWhitelist.TEST_PEER_DOMAIN);
            assertThat(drDurand.uidsWithSubject(toB)).isEmpty();

            // A's MX refuses B for the same reason: B gets 550 5.7.1 and returns the message to its sender.
            assertThat(drDurand.submit(simpleMessage(drDurand.address(), DR_MARTIN, toA), DR_MARTIN)).startsWith("250");
            String bounce = drDurand.awaitMessage("Undelivered Mail", toA, DELIVERY);
            assertThat(bounce).contains("Action: failed").contains("5.7.1");
            assertThat(drMartin.uidsWithSubject(toA)).isEmpty();
        } finally {
            publishAndRefresh(DevWhitelist.platformList(ownDn));
        }
        // With the list right again, the message A kept reaches B on its next attempt, once.
        assertThat(drDurand.awaitSubject(toB, DELIVERY)).hasSize(1);
    }

    @Test
    @Order(6)
    void while_b_is_down_a_retries_notifies_and_expires_then_delivers_once_across_a_restart() throws Exception {
        b.platform().stopServer();

        String expiring = "Jamais remis " + UUID.randomUUID();
        assertThat(drMartin.submit(simpleMessage(DR_MARTIN, drDurand.address(), expiring), drDurand.address()))
                .startsWith("250");
        String delay = drMartin.awaitMessage("Delayed Mail", expiring, DELIVERY);
        assertThat(delay).contains("Action: delayed").contains("Will-Retry-Until:");
        // Expiry after 180 s in the test settings (5 days by default): a failure notice, status 4.4.7.
        String failure = drMartin.awaitMessage("Undelivered Mail", expiring, Duration.ofMinutes(5));
        assertThat(failure).contains("Action: failed").contains("4.4.7");

        String kept = "Remis après redémarrage " + UUID.randomUUID();
        assertThat(drMartin.submit(simpleMessage(DR_MARTIN, drDurand.address(), kept), drDurand.address()))
                .startsWith("250");
        // A restarts while the message waits for B, and B comes back meanwhile: nothing is lost, nothing doubled.
        CompletableFuture<Void> peerBack = CompletableFuture.runAsync(() -> {
            try {
                b.platform().startServer();
            } catch (Exception e) {
                throw new IllegalStateException("B did not start again", e);
            }
        });
        a.stopServer();
        a.startServer();
        peerBack.join();

        assertThat(drDurand.awaitSubject(kept, Duration.ofMinutes(3))).hasSize(1);
        Thread.sleep(10_000);
        assertThat(drDurand.uidsWithSubject(kept)).as("delivered exactly once").hasSize(1);
        assertThat(drDurand.uidsWithSubject(expiring)).as("the expired message was returned, not delivered").isEmpty();
    }

    private static void publishAndRefresh(List<DevWhitelist.Entry> entries) throws Exception {
        DevWhitelist.publish(a.whitelistServer().directory(), entries);
        for (LocalPlatform operator : List.of(a, b.platform())) {
            RestClient.Reply refreshed = RestClient.asOperator(operator).post("/api/v1/whitelist/refresh", "");
            assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        }
    }

    private static void awaitRelayDeferred(OffsetDateTime since, String reason) throws Exception {
        RestClient operator = RestClient.asOperator(a);
        Instant deadline = Instant.now().plus(DELIVERY);
        while (Instant.now().isBefore(deadline)) {
            boolean found = operator.get("/api/v1/audit?type=RELAY_DEFERRED&size=200&from=" + since.toInstant())
                    .json().getJsonArray("items").stream().map(JsonValue::asJsonObject)
                    .map(e -> e.getString("details")).anyMatch(d -> d.contains(reason));
            if (found) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("no RELAY_DEFERRED audit event saying '" + reason + "'");
    }

    private static byte[] simpleMessage(String from, String to, String subject) {
        return ("From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: " + subject + "\r\nMessage-ID: <"
                + UUID.randomUUID() + "@test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\nBonjour, ceci est un test entre opérateurs.\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static boolean endsWith(byte[] whole, byte[] suffix) {
        return whole.length >= suffix.length
                && Arrays.equals(whole, whole.length - suffix.length, whole.length, suffix, 0, suffix.length);
    }

    /** The header fields of a header block, continuation lines unfolded onto their field. */
    private static List<String> headerFields(String block) {
        List<String> fields = new ArrayList<>();
        for (String line : block.split("\r\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && !fields.isEmpty()) {
                fields.set(fields.size() - 1, fields.get(fields.size() - 1) + line);
            } else {
                fields.add(line);
            }
        }
        return fields;
    }
}
