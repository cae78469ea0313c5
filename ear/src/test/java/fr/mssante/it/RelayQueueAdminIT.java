package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static fr.mssante.it.Identities.ADMIN_DEMO;
import static fr.mssante.it.Identities.ADMIN_OTHER;
import static fr.mssante.it.Identities.ADMIN_PASSWORD;
import static fr.mssante.it.Identities.DOMAIN;
import static fr.mssante.it.Identities.DR_MARTIN_ID;
import static fr.mssante.it.Identities.OTHER_TENANT_MAILBOX;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay queue administration over the REST API, on queue entries written as the relay would leave them
 * (as the database owner: a peer that stays down for days cannot be waited for in a test): an operator and
 * an establishment's administrators list, inspect, retry, bounce and delete, each action audited; a bounce
 * puts an RFC 3464 failure notice in the sender's INBOX, a delete tells nobody; another establishment's
 * entry is the same 404 as a missing one and stays untouched.
 */
@ExtendWith(PlatformExtension.class)
class RelayQueueAdminIT {

    private static final String PEER_DOMAIN = "operateur-b.mssante-test.fr";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** Senders of this run, created fresh so their INBOX shows the notices of this test only. */
    private static final String BOUNCED_SENDER = "relayq-bounce-" + RUN + "@" + DOMAIN;
    private static final String DELETED_SENDER = "relayq-delete-" + RUN + "@" + DOMAIN;
    /** Once due, the relay tries it and tells its sender: not a mailbox other tests count the messages of. */
    private static final String RETRIED_SENDER = "relayq-retry-" + RUN + "@" + DOMAIN;
    private static final List<UUID> FIXTURES = new ArrayList<>();

    private static LocalPlatform platform;
    private static UUID listed;
    private static UUID retried;
    private static UUID bounced;
    private static UUID deleted;
    private static UUID deadLetter;
    private static UUID otherEstablishment;

    private final RestClient operator;
    private final RestClient adminDemo;
    private final RestClient adminOther;

    RelayQueueAdminIT(LocalPlatform platform) {
        this.operator = RestClient.asOperator(platform);
        KeycloakClient keycloak = PlatformSession.keycloak();
        this.adminDemo = operator.as(keycloak.bearer(ADMIN_DEMO, ADMIN_PASSWORD));
        this.adminOther = operator.as(keycloak.bearer(ADMIN_OTHER, ADMIN_PASSWORD));
    }

    @BeforeAll
    static void queue(LocalPlatform started) throws Exception {
        platform = started;
        RestClient operator = RestClient.asOperator(started);
        for (String sender : List.of(BOUNCED_SENDER, DELETED_SENDER, RETRIED_SENDER)) {
            RestClient.Reply created = operator.post("/api/v1/mailboxes", "{\"address\":\"" + sender
                    + "\",\"type\":\"PER\",\"ownerNationalId\":\"" + DR_MARTIN_ID + "\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        try (Connection owner = started.database().connect()) {
            UUID demo = uuid(owner, "SELECT id FROM tenant WHERE finess = '750000001'");
            UUID other = uuid(owner, "SELECT id FROM tenant WHERE finess = '750000002'");
            OffsetDateTime later = OffsetDateTime.now().plusDays(1);
            listed = entry(owner, demo, "dr.martin@" + DOMAIN, later, "QUEUED", "a-" + RUN, "b-" + RUN);
            retried = entry(owner, demo, RETRIED_SENDER, later, "QUEUED", "g-" + RUN);
            bounced = entry(owner, demo, BOUNCED_SENDER, later, "QUEUED", "c-" + RUN);
            deleted = entry(owner, demo, DELETED_SENDER, later, "QUEUED", "d-" + RUN);
            deadLetter = entry(owner, demo, "dr.martin@" + DOMAIN, null, "EXPIRED", "e-" + RUN);
            otherEstablishment = entry(owner, other, OTHER_TENANT_MAILBOX, later, "QUEUED", "f-" + RUN);
        }
    }

    /** Nothing of this test stays due: the relay worker must not spend the next tests' time on it. */
    @AfterAll
    static void dropFixtures() throws SQLException {
        if (platform == null) {
            return;
        }
        try (Connection owner = platform.database().connect()) {
            for (UUID id : FIXTURES) {
                update(owner, "UPDATE relay_recipient SET status = 'DELETED', next_attempt_at = NULL, finished_at = now() "
                        + "WHERE relay_message_id = ? AND status = 'QUEUED'", id);
                update(owner, "UPDATE relay_message SET state = 'DONE' WHERE id = ?", id);
            }
        }
    }

    @Test
    void the_operator_lists_with_filters_and_pages_and_sees_each_recipients_state() throws Exception {
        JsonObject page = operator.get("/api/v1/relay-queue?domain=" + PEER_DOMAIN + "&sender=dr.martin@" + DOMAIN
                + "&status=QUEUED&size=500").json();
        assertThat(ids(page)).contains(listed.toString()).doesNotContain(deadLetter.toString(), bounced.toString());

        JsonObject entry = operator.get("/api/v1/relay-queue?recipient=b-" + RUN + "@" + PEER_DOMAIN).json();
        assertThat(entry.getInt("total")).isEqualTo(1);
        JsonObject item = entry.getJsonArray("items").getJsonObject(0);
        assertThat(item.getString("id")).isEqualTo(listed.toString());
        assertThat(item.getString("status")).isEqualTo("QUEUED");
        assertThat(item.getString("domain")).isEqualTo(PEER_DOMAIN);
        assertThat(item.getString("lastError")).isEqualTo("421 4.4.2 peer busy, try later");
        assertThat(item.getJsonArray("recipients")).hasSize(2);
        JsonObject recipient = item.getJsonArray("recipients").getJsonObject(0);
        assertThat(recipient.getString("address")).isEqualTo("a-" + RUN + "@" + PEER_DOMAIN);
        assertThat(recipient.getInt("attempts")).isEqualTo(3);
        assertThat(recipient.getInt("lastReplyCode")).isEqualTo(421);
        assertThat(recipient.getString("remoteMta")).isEqualTo("mx." + PEER_DOMAIN);
        assertThat(OffsetDateTime.parse(recipient.getString("nextAttemptAt"))).isAfter(OffsetDateTime.now().plusHours(23));

        JsonObject deadLetters = operator.get("/api/v1/relay-queue?status=FAILED,EXPIRED&size=500").json();
        assertThat(ids(deadLetters)).contains(deadLetter.toString()).doesNotContain(listed.toString());
        assertThat(ids(operator.get("/api/v1/relay-queue/dead-letters?size=500").json())).contains(deadLetter.toString());

        assertThat(ids(operator.get("/api/v1/relay-queue?olderThan=PT1H&size=500").json())).contains(listed.toString());
        assertThat(ids(operator.get("/api/v1/relay-queue?olderThan=P2D&size=500").json())).doesNotContain(listed.toString());

        JsonObject first = operator.get("/api/v1/relay-queue?domain=" + PEER_DOMAIN + "&size=1&sort=receivedAt,desc").json();
        assertThat(first.getJsonArray("items")).hasSize(1);
        assertThat(first.getInt("total")).isGreaterThanOrEqualTo(FIXTURES.size());

        ApiSecurityIT.assertFieldError(operator.get("/api/v1/relay-queue?status=LOST"), "status", "QUEUED");
        ApiSecurityIT.assertFieldError(operator.get("/api/v1/relay-queue?olderThan=4h"), "olderThan", "ISO-8601");
        ApiSecurityIT.assertFieldError(operator.get("/api/v1/relay-queue?sort=size"), "sort", "receivedAt");
    }

    @Test
    void an_establishment_administrator_sees_and_acts_on_their_senders_entries_only() throws Exception {
        assertThat(ids(adminDemo.get("/api/v1/relay-queue?size=500").json()))
                .contains(listed.toString()).doesNotContain(otherEstablishment.toString());
        assertThat(ids(adminOther.get("/api/v1/relay-queue?size=500").json()))
                .contains(otherEstablishment.toString()).doesNotContain(listed.toString());

        String path = "/api/v1/relay-queue/" + otherEstablishment;
        String missing = "/api/v1/relay-queue/" + UUID.randomUUID();
        for (String suffix : List.of("", "/retry", "/bounce", "/delete")) {
            RestClient.Reply hidden = call(adminDemo, suffix, path);
            RestClient.Reply absent = call(adminDemo, suffix, missing);
            assertThat(hidden.status()).as(suffix + " " + hidden.body()).isEqualTo(404);
            assertThat(absent.status()).isEqualTo(404);
            assertThat(hidden.json().getString("detail").replace(otherEstablishment.toString(), "X"))
                    .isEqualTo(absent.json().getString("detail").replace(missing.substring(missing.lastIndexOf('/') + 1), "X"));
        }
        JsonObject untouched = operator.get(path).json();
        assertThat(untouched.getString("status")).isEqualTo("QUEUED");
        assertThat(OffsetDateTime.parse(untouched.getString("nextAttemptAt"))).isAfter(OffsetDateTime.now().plusHours(23));
        assertThat(adminDemo.get("/api/v1/relay-queue/not-a-uuid").status()).isEqualTo(404);
    }

    /**
     * The gauges behind the "queue age > 15 min" alert (docker/prometheus/alerts.yml) see the backlog: the
     * listed entry's two recipients wait since five hours and no test here acts on them. The gauges are
     * refreshed every 30 s, hence the wait.
     */
    @Test
    void the_queue_gauges_show_the_waiting_recipients_and_their_age() throws Exception {
        URI metrics = URI.create("http://127.0.0.1:" + platform.settings().managementPort() + "/prometheus");
        long deadline = System.nanoTime() + Duration.ofSeconds(75).toNanos();
        PrometheusScrape scrape = PrometheusScrape.of(metrics);
        while (scrape.sum("mssante_queue_oldest_seconds", "queue", "relay") < Duration.ofHours(5).minusMinutes(5).toSeconds()
                && System.nanoTime() < deadline) {
            Thread.sleep(2_000);
            scrape = PrometheusScrape.of(metrics);
        }
        assertThat(scrape.sum("mssante_queue_oldest_seconds", "queue", "relay"))
                .isGreaterThan(Duration.ofHours(5).minusMinutes(5).toSeconds());
        assertThat(scrape.sum("mssante_queue_depth", "queue", "relay")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void retry_makes_the_queued_recipients_due_now_and_is_audited() throws Exception {
        OffsetDateTime before = OffsetDateTime.now();
        RestClient.Reply reply = adminDemo.post("/api/v1/relay-queue/" + retried + "/retry", "");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        for (JsonValue r : reply.json().getJsonArray("recipients")) {
            assertThat(OffsetDateTime.parse(r.asJsonObject().getString("nextAttemptAt")))
                    .isBefore(OffsetDateTime.now().plusSeconds(1));
        }
        assertAudited("RELAY_RETRIED_BY_ADMIN", retried, "api:" + ADMIN_DEMO, before);
    }

    @Test
    void bounce_fails_the_recipients_and_puts_a_failure_notice_in_the_senders_inbox_while_delete_tells_nobody()
            throws Exception {
        OffsetDateTime before = OffsetDateTime.now();
        assertThat(operator.delete("/api/v1/relay-queue/" + deleted).status()).isEqualTo(204);
        JsonObject afterDelete = operator.get("/api/v1/relay-queue/" + deleted).json();
        assertThat(afterDelete.getString("status")).isEqualTo("DELETED");
        assertThat(afterDelete.getJsonArray("recipients").getJsonObject(0).getString("status")).isEqualTo("DELETED");
        assertAudited("RELAY_DELETED_BY_ADMIN", deleted, "api:" + Identities.OPERATOR, before);

        RestClient.Reply reply = operator.post("/api/v1/relay-queue/" + bounced + "/bounce", "");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().getString("status")).isEqualTo("FAILED");
        assertThat(reply.json().getJsonArray("recipients").getJsonObject(0).getString("status")).isEqualTo("FAILED");
        assertAudited("RELAY_BOUNCED_BY_ADMIN", bounced, "api:" + Identities.OPERATOR, before);

        operator.awaitSubject(BOUNCED_SENDER, "Non remis / Undelivered Mail Returned to Sender");
        JsonObject notice = operator.inbox(BOUNCED_SENDER).getJsonObject(0);
        assertThat(notice.getString("from")).contains("MAILER-DAEMON@");
        // The delete came first: its notice, had there been one, would be there by now.
        assertThat(operator.inbox(DELETED_SENDER)).isEmpty();

        for (UUID done : List.of(bounced, deleted, deadLetter)) {
            RestClient.Reply again = operator.post("/api/v1/relay-queue/" + done + "/retry", "");
            assertThat(again.status()).as(again.body()).isEqualTo(409);
            assertThat(again.json().getString("detail")).contains("no recipient queued");
        }
    }

    private static RestClient.Reply call(RestClient client, String action, String path) throws Exception {
        return switch (action) {
            case "" -> client.get(path);
            case "/delete" -> client.delete(path);
            default -> client.post(path + action, "");
        };
    }

    private void assertAudited(String type, UUID entry, String actor, OffsetDateTime since) throws Exception {
        String query = "/api/v1/audit?type=" + type + "&actor=" + actor + "&from="
                + since.minusSeconds(5).toString().replace("+", "%2B") + "&size=500";
        List<String> details = new ArrayList<>();
        for (int i = 0; i < 50 && details.stream().noneMatch(d -> d.contains(entry.toString())); i++) {
            details.clear();
            operator.get(query).json().getJsonArray("items")
                    .forEach(v -> details.add(v.asJsonObject().getString("details", "")));
            Thread.sleep(200);
        }
        assertThat(details).anyMatch(d -> d.contains("entry=" + entry));
    }

    private static List<String> ids(JsonObject page) {
        return page.getJsonArray("items").stream().map(v -> v.asJsonObject().getString("id")).toList();
    }

    /**
     * One relay queue entry as the relay leaves it after three temporary failures (or, for {@code EXPIRED},
     * after giving up), due {@code next}, with its accepted message and its content.
     */
    private static UUID entry(Connection owner, UUID tenant, String sender, OffsetDateTime next, String status,
                              String... localParts) throws Exception {
        byte[] content = ("From: <" + sender + ">\r\nTo: <" + localParts[0] + "@" + PEER_DOMAIN + ">\r\n"
                + "Subject: relay queue " + RUN + " " + localParts[0] + "\r\nMessage-ID: <" + UUID.randomUUID()
                + "@" + DOMAIN + ">\r\n\r\nCompte rendu.\r\n").getBytes(StandardCharsets.US_ASCII);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        update(owner, "INSERT INTO blob (sha256, size, content) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
                sha, content.length, content);
        UUID intake = UUID.randomUUID();
        String queueId = ("RQ" + RUN + localParts[0]).toUpperCase().replaceAll("[^0-9A-Z]", "");
        OffsetDateTime received = OffsetDateTime.now().minusHours(5);
        String[] recipients = java.util.Arrays.stream(localParts).map(l -> l + "@" + PEER_DOMAIN).toArray(String[]::new);
        try (PreparedStatement s = owner.prepareStatement("INSERT INTO intake_message (id, queue_id, received_at, "
                + "session_id, client_address, service, reverse_path, recipients, blob_sha256, size, status, delivered_at, "
                + "enqueued_at) VALUES (?, ?, ?, 'it', '127.0.0.1', 'submission', ?, ?, ?, ?, 'DELIVERED', ?, ?)")) {
            s.setObject(1, intake);
            s.setString(2, queueId);
            s.setObject(3, received);
            s.setString(4, sender);
            s.setArray(5, owner.createArrayOf("text", recipients));
            s.setString(6, sha);
            s.setLong(7, content.length);
            s.setObject(8, received);
            s.setObject(9, received);
            s.executeUpdate();
        }
        UUID id = UUID.randomUUID();
        update(owner, "INSERT INTO relay_message (id, intake_message_id, domain, queue_id, reverse_path, blob_sha256, "
                        + "size, received_at, tenant_id, created_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, intake, PEER_DOMAIN, queueId, sender, sha, content.length, received, tenant, received,
                "QUEUED".equals(status) ? "QUEUED" : "DONE");
        for (String recipient : recipients) {
            boolean queued = "QUEUED".equals(status);
            update(owner, "INSERT INTO relay_recipient (id, relay_message_id, tenant_id, address, status, attempts, "
                            + "next_attempt_at, last_attempt_at, last_reply_code, last_reply, remote_mta, finished_at) "
                            + "VALUES (?, ?, ?, ?, ?, 3, ?, ?, 421, '421 4.4.2 peer busy, try later', ?, ?)",
                    UUID.randomUUID(), id, tenant, recipient, status, queued ? next : null,
                    OffsetDateTime.now().minusMinutes(10), "mx." + PEER_DOMAIN, queued ? null : OffsetDateTime.now());
        }
        FIXTURES.add(id);
        return id;
    }

    private static UUID uuid(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            assertThat(rs.next()).as(sql).isTrue();
            return UUID.fromString(rs.getString(1));
        }
    }

    private static void update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }
}
