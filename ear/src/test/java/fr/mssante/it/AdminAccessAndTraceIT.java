package fr.mssante.it;

import fr.mssante.devstack.DevCertificates;
import fr.mssante.devstack.LocalPlatform;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static fr.mssante.it.ApiSecurityIT.assertFieldError;
import static fr.mssante.it.Identities.ADMIN_DEMO;
import static fr.mssante.it.Identities.ADMIN_OTHER;
import static fr.mssante.it.Identities.ADMIN_PASSWORD;
import static fr.mssante.it.Identities.DOMAIN;
import static fr.mssante.it.Identities.DR_MARTIN;
import static fr.mssante.it.Identities.DR_MARTIN_ID;
import static fr.mssante.it.Identities.OTHER_DOMAIN;
import static fr.mssante.it.Identities.OTHER_TENANT_MAILBOX;
import static fr.mssante.it.Identities.PRACTITIONER_TEST_PASSWORD;
import static fr.mssante.it.MailWire.base64;
import static fr.mssante.it.MailWire.last;
import static fr.mssante.it.RestApiIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The administrator's view of access and traffic, with real tokens: certificates of APP mailboxes
 * (a revoked one no longer authenticates with EXTERNAL), app passwords (never the secret), the audit
 * trail (search and CSV export), the message trace of a message sent over SMTP then read over IMAP,
 * and the dashboard — and the administrator of the other establishment sees none of the demo
 * establishment's data, with exact counts.
 */
@ExtendWith(PlatformExtension.class)
class AdminAccessAndTraceIT {

    private static final String TAGGED_OK = "t\\d+ OK.*";

    private final LocalPlatform platform;
    private final KeycloakClient keycloak = PlatformSession.keycloak();
    private final RestClient operator;
    private final RestClient adminDemo;
    private final RestClient adminOther;
    private final RestClient practitioner;
    private final SSLContext tls;

    AdminAccessAndTraceIT(LocalPlatform platform) throws Exception {
        this.platform = platform;
        this.operator = RestClient.asOperator(platform);
        this.adminDemo = operator.as(keycloak.bearer(ADMIN_DEMO, ADMIN_PASSWORD));
        this.adminOther = operator.as(keycloak.bearer(ADMIN_OTHER, ADMIN_PASSWORD));
        this.practitioner = operator.as(keycloak.bearer(DR_MARTIN_ID, PRACTITIONER_TEST_PASSWORD));
        this.tls = TestTls.trusting(platform.caCertificate());
    }

    @BeforeAll
    static void practitionerAccount() {
        PlatformSession.keycloak().ensurePractitioner(DR_MARTIN_ID, PRACTITIONER_TEST_PASSWORD);
    }

    @Test
    void certificates_are_listed_with_their_dates_and_a_revoked_one_no_longer_authenticates(@TempDir Path workDir)
            throws Exception {
        String app = "lps-" + UUID.randomUUID().toString().substring(0, 8) + "@" + DOMAIN;
        assertThat(adminDemo.post("/api/v1/mailboxes", "{\"address\":\"" + app + "\",\"type\":\"APP\"}").status()).isEqualTo(201);
        DevCertificates.ClientFiles certificate = platform.devCertificates().issueClient(app, workDir);
        String pem = Files.readString(certificate.certificate()).split("(?<=-----END CERTIFICATE-----)")[0].strip();
        String path = "/api/v1/mailboxes/" + app + "/certificates";

        assertFieldError(adminDemo.post(path, "{\"pem\":\"\"}"), "pem", "PEM");
        assertFieldError(adminDemo.post(path, "{\"pem\":\"x\",\"match\":\"issuer\"}"), "match", "fingerprint or subject");
        assertProblem(adminOther.post(path, "{\"pem\":\"" + json(pem) + "\"}"), 404, "no mailbox " + app);

        RestClient.Reply registered = adminDemo.post(path, "{\"pem\":\"" + json(pem) + "\"}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        JsonObject view = registered.json();
        assertThat(view.getString("subject")).contains("CN=" + app);
        assertThat(view.getString("issuer")).isNotBlank();
        assertThat(view.getString("sha256Fingerprint")).matches("[0-9a-f]{64}");
        assertThat(view.getString("match")).isEqualTo("fingerprint");
        assertThat(view.getBoolean("expiresWithin30Days")).as("dev certificates last two years").isFalse();
        assertThat(OffsetDateTime.parse(view.getString("notAfter")).toInstant())
                .isAfter(Instant.now().plus(Duration.ofDays(700)));
        assertThat(view.getString("notBefore")).isNotBlank();
        assertThat(view.getString("registeredAt")).isNotBlank();
        String id = view.getString("id");
        assertThat(adminDemo.get(path).array()).singleElement()
                .satisfies(c -> assertThat(c.asJsonObject().getString("id")).isEqualTo(id));
        assertProblem(adminOther.get(path), 404, "no mailbox " + app);

        SSLContext withCertificate = TestTls.withClientCertificate(platform.caCertificate(), certificate.pkcs12(),
                DevCertificates.CLIENT_PASSWORD.toCharArray());
        try (MailWire imap = MailWire.tls(platform.settings().imapsPort(), withCertificate)) {
            imap.line();
            assertThat(last(imap.imap("AUTHENTICATE EXTERNAL ="))).matches(TAGGED_OK);
        }
        assertProblem(adminOther.delete(path + "/" + id), 404, "no mailbox " + app);
        assertThat(adminDemo.delete(path + "/" + id).status()).isEqualTo(204);
        assertProblem(adminDemo.delete(path + "/" + id), 404, "no registered certificate");
        assertThat(adminDemo.get(path).array()).isEmpty();
        try (MailWire imap = MailWire.tls(platform.settings().imapsPort(), withCertificate)) {
            imap.line();
            assertThat(last(imap.imap("AUTHENTICATE EXTERNAL ="))).contains("NO [AUTHENTICATIONFAILED]");
        }
        try (MailWire smtp = MailWire.tls(platform.settings().smtpsPort(), withCertificate)) {
            smtp.line();
            smtp.smtp("EHLO lps.example");
            assertThat(last(smtp.smtp("AUTH EXTERNAL ="))).startsWith("535 5.7.8");
        }
        JsonObject revoked = awaitAudit(adminDemo, "mailbox=" + app + "&type=CERTIFICATE_REVOKED");
        assertThat(revoked.getString("details")).contains("id=" + id);
        assertThat(adminOther.get("/api/v1/audit?mailbox=" + app).json().getJsonNumber("total").longValue()).isZero();
    }

    @Test
    void administrators_list_and_revoke_app_passwords_but_never_see_the_secret() throws Exception {
        String own = "/api/v1/me/mailboxes/" + DR_MARTIN + "/app-passwords";
        RestClient.Reply created = practitioner.post(own, "{\"name\":\"Perdu " + UUID.randomUUID() + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().getString("id");
        String secret = created.json().getString("password");
        String path = "/api/v1/mailboxes/" + DR_MARTIN + "/app-passwords";

        RestClient.Reply listed = adminDemo.get(path);
        JsonObject entry = listed.array().stream().map(JsonValue::asJsonObject)
                .filter(o -> o.getString("id").equals(id)).findFirst().orElseThrow();
        assertThat(entry.getString("nationalId")).isEqualTo(DR_MARTIN_ID);
        assertThat(entry.keySet()).contains("id", "name", "createdAt", "nationalId")
                .isSubsetOf("id", "name", "createdAt", "lastUsedAt", "nationalId");
        assertThat(listed.body()).doesNotContain(secret).doesNotContain("argon2");
        assertProblem(adminOther.get(path), 404, "no mailbox " + DR_MARTIN);
        assertProblem(adminOther.delete(path + "/" + id), 404, "no mailbox " + DR_MARTIN);

        assertThat(adminDemo.delete(path + "/" + id).status()).isEqualTo(204);
        assertThat(practitioner.get(own).body()).doesNotContain(id);
        try (MailWire imap = imapOverStartTls()) {
            assertThat(last(imap.imap("LOGIN " + DR_MARTIN + " " + secret))).contains("NO [AUTHENTICATIONFAILED]");
        }
    }

    @Test
    void the_audit_is_searched_by_filters_and_exported_as_csv_that_reads_back() throws Exception {
        String marker = "/api/v1/me/mailboxes/" + DR_MARTIN + "/app-passwords";
        String id = practitioner.post(marker, "{\"name\":\"Audit " + UUID.randomUUID() + "\"}").json().getString("id");
        String filter = "mailbox=" + DR_MARTIN + "&type=APP_PASSWORD_CREATED&actor=api:" + DR_MARTIN_ID;
        // The trail is written asynchronously (JMS): wait for this very event, not for any recent one of the
        // same type (other tests create app passwords for the same mailbox).
        awaitAuditDetails(adminDemo, filter + "&from=" + encode(Instant.now().minus(Duration.ofMinutes(5)).toString())
                + "&size=500", "id=" + id);

        JsonObject page = adminDemo.get("/api/v1/audit?" + filter + "&size=500").json();
        long total = page.getJsonNumber("total").longValue();
        assertThat(page.getInt("page")).isZero();
        assertThat(page.getInt("size")).isEqualTo(500);
        JsonObject first = page.getJsonArray("items").getJsonObject(0);
        assertThat(first.keySet()).containsExactlyInAnyOrder("id", "occurredAt", "type", "actor", "mailbox", "details");
        assertThat(first.getString("mailbox")).isEqualTo(DR_MARTIN);
        assertThat(page.getJsonArray("items").stream().map(v -> v.asJsonObject().getString("details")))
                .anyMatch(d -> d.contains("id=" + id));

        RestClient.Reply csv = adminDemo.get("/api/v1/audit/export?" + filter);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<CSVRecord> rows;
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.body()))) {
            assertThat(parser.getHeaderNames()).containsExactly("id", "occurredAt", "type", "actor", "mailbox", "details");
            rows = parser.getRecords();
        }
        assertThat(rows).hasSize((int) total);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("type")).isEqualTo("APP_PASSWORD_CREATED");
            assertThat(r.get("mailbox")).isEqualTo(DR_MARTIN);
        });
        assertThat(rows).anyMatch(r -> r.get("details").contains("id=" + id));

        // The other establishment: none of it, not even counted; bad filters are named.
        assertThat(adminOther.get("/api/v1/audit?" + filter).json().getJsonNumber("total").longValue()).isZero();
        assertThat(adminOther.get("/api/v1/audit/export?" + filter).body().strip().lines()).hasSize(1);
        JsonArray others = adminOther.get("/api/v1/audit?size=500").json().getJsonArray("items");
        assertThat(others.stream().map(JsonValue::toString)).noneMatch(e -> e.contains(DOMAIN));
        assertFieldError(adminDemo.get("/api/v1/audit?from=yesterday"), "from", "ISO-8601");
        assertFieldError(adminDemo.get("/api/v1/audit?type=NOPE"), "type", "unknown event type");
        assertFieldError(adminDemo.get("/api/v1/audit?sort=actor"), "sort", "occurredAt");
        assertFieldError(adminDemo.get("/api/v1/audit?size=0"), "size", "between");
        assertProblem(practitioner.get("/api/v1/audit"), 403, "");
    }

    @Test
    void a_message_sent_over_smtp_then_read_over_imap_is_traced_accepted_queued_delivered_read() throws Exception {
        String reader = "cardio-" + UUID.randomUUID().toString().substring(0, 8) + "@" + DOMAIN;
        assertThat(adminDemo.post("/api/v1/mailboxes", "{\"address\":\"" + reader + "\",\"type\":\"ORG\"}").status())
                .isEqualTo(201);
        assertThat(adminDemo.post("/api/v1/mailboxes/" + reader + "/delegations",
                "{\"nationalId\":\"" + DR_MARTIN_ID + "\",\"rights\":[\"READ_WRITE\"]}").status()).isEqualTo(201);
        String messageId = "<trace-" + UUID.randomUUID() + "@client.example>";
        String subject = "Trace " + UUID.randomUUID();
        String queueId;
        try (MailWire smtp = submissionOverStartTls()) {
            assertThat(last(smtp.smtp("AUTH PLAIN " + base64("\0" + DR_MARTIN + "\0Demo-Mssante-2026")))).startsWith("235");
            assertThat(last(smtp.smtp("MAIL FROM:<" + DR_MARTIN + ">"))).startsWith("250");
            assertThat(last(smtp.smtp("RCPT TO:<" + reader + ">"))).startsWith("250");
            assertThat(last(smtp.smtp("RCPT TO:<" + OTHER_TENANT_MAILBOX + ">"))).startsWith("250");
            assertThat(last(smtp.smtp("DATA"))).startsWith("354");
            String accepted = last(smtp.smtp("From: <" + DR_MARTIN + ">\r\nTo: <" + reader + ">\r\nMessage-ID: " + messageId
                    + "\r\nSubject: " + subject + "\r\n\r\nConfidentiel.\r\n."));
            Matcher queued = Pattern.compile("queued as (\\S+)").matcher(accepted);
            assertThat(queued.find()).as(accepted).isTrue();
            queueId = queued.group(1);
        }
        operator.awaitSubject(reader, subject);
        operator.awaitSubject(OTHER_TENANT_MAILBOX, subject);
        String token = keycloak.token(DR_MARTIN_ID, PRACTITIONER_TEST_PASSWORD);
        try (MailWire imap = imapOverStartTls()) {
            assertThat(last(imap.imap("AUTHENTICATE XOAUTH2 " + base64("user=" + reader + "\u0001auth=Bearer " + token
                    + "\u0001\u0001")))).matches(TAGGED_OK);
            assertThat(last(imap.imap("SELECT INBOX"))).matches(TAGGED_OK);
            assertThat(String.join("\n", imap.imap("FETCH 1 (FLAGS BODY[])"))).contains("\\Seen");
        }

        JsonObject all = single(operator.get("/api/v1/trace?queueId=" + queueId));
        assertThat(all.getString("messageId")).isEqualTo(messageId);
        assertThat(all.getString("sender")).isEqualTo(DR_MARTIN);
        assertThat(strings(all.getJsonArray("recipients"))).containsExactly(reader, OTHER_TENANT_MAILBOX);
        assertThat(types(all)).containsExactly("ACCEPTED", "QUEUED", "DELIVERED", "DELIVERED", "READ");
        JsonObject acceptedStep = all.getJsonArray("events").getJsonObject(0).getJsonObject("details");
        assertThat(acceptedStep.getString("service")).isEqualTo("submission");
        assertThat(acceptedStep.getBoolean("tls")).isTrue();
        assertThat(acceptedStep.getString("tlsProtocol")).startsWith("TLSv1.");
        assertThat(acceptedStep.getString("tlsCipherSuite")).startsWith("TLS_");
        assertThat(acceptedStep.getString("authenticatedAs")).isEqualTo(DR_MARTIN);
        assertThat(acceptedStep.getString("clientAddress")).isEqualTo("127.0.0.1");
        JsonObject read = all.getJsonArray("events").getJsonObject(4).getJsonObject("details");
        assertThat(read.getString("mailbox")).isEqualTo(reader);
        assertThat(read.getString("folder")).isEqualTo("INBOX");
        assertThat(read.getJsonNumber("uid").longValue()).isEqualTo(1);
        assertThat(all.toString()).doesNotContain("Confidentiel").doesNotContain(subject);
        assertThat(single(operator.get("/api/v1/trace?messageId=" + encode(messageId))).getString("queueId")).isEqualTo(queueId);

        // The sender's establishment: every recipient, but only its own mailbox's delivery and read.
        JsonObject demo = single(adminDemo.get("/api/v1/trace?queueId=" + queueId));
        assertThat(strings(demo.getJsonArray("recipients"))).containsExactly(reader, OTHER_TENANT_MAILBOX);
        assertThat(types(demo)).containsExactly("ACCEPTED", "QUEUED", "DELIVERED", "READ");
        assertThat(demo.toString()).doesNotContain("\"mailbox\":\"" + OTHER_TENANT_MAILBOX);
        // The other establishment: its recipient only, nothing of the demo reader.
        JsonObject other = single(adminOther.get("/api/v1/trace?queueId=" + queueId));
        assertThat(strings(other.getJsonArray("recipients"))).containsExactly(OTHER_TENANT_MAILBOX);
        assertThat(types(other)).containsExactly("ACCEPTED", "QUEUED", "DELIVERED");
        assertThat(other.toString()).doesNotContain(reader);
        assertThat(adminOther.get("/api/v1/trace?recipient=" + reader).array()).isEmpty();
        assertThat(adminOther.get("/api/v1/trace?sender=" + reader).array()).isEmpty();
        assertFieldError(adminDemo.get("/api/v1/trace?recipient=" + reader + "%20"), "recipient", "U+0020");
        assertFieldError(adminDemo.get("/api/v1/trace?from=hier"), "from", "ISO-8601");
    }

    @Test
    void the_dashboard_counts_the_callers_establishment_only() throws Exception {
        String tenantOther = "(SELECT id FROM tenant WHERE finess = '750000002')";
        JsonObject other = adminOther.get("/api/v1/dashboard").json();
        JsonObject all = operator.get("/api/v1/dashboard").json();
        for (String type : List.of("PER", "ORG", "APP")) {
            assertThat(other.getJsonObject("mailboxesByType").getJsonNumber(type).longValue()).as(type)
                    .isEqualTo(count("SELECT count(*) FROM mailbox WHERE type = '" + type + "' AND tenant_id = " + tenantOther));
            assertThat(all.getJsonObject("mailboxesByType").getJsonNumber(type).longValue()).as(type)
                    .isEqualTo(count("SELECT count(*) FROM mailbox WHERE type = '" + type + "'"));
        }
        for (String status : List.of("ACTIVE", "SUSPENDED", "CLOSED")) {
            assertThat(other.getJsonObject("mailboxesByStatus").getJsonNumber(status).longValue()).as(status)
                    .isEqualTo(count("SELECT count(*) FROM mailbox WHERE status = '" + status + "' AND tenant_id = " + tenantOther));
        }
        assertThat(other.getJsonNumber("authFailures24h").longValue()).isEqualTo(count("SELECT count(*) FROM audit_event "
                + "WHERE action = 'AUTH_FAILED' AND occurred_at >= now() - interval '24 hours' AND tenant_id = " + tenantOther));
        JsonArray days = other.getJsonArray("messagesPerDay");
        assertThat(days).hasSize(30);
        JsonObject today = days.getJsonObject(29);
        assertThat(today.getString("day")).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(today.getJsonNumber("received").longValue()).isEqualTo(count("SELECT count(*) FROM message m "
                + "JOIN intake_message im ON im.id = m.intake_message_id JOIN folder f ON f.id = m.folder_id "
                + "JOIN mailbox b ON b.id = f.mailbox_id WHERE b.tenant_id = " + tenantOther
                + " AND CAST(timezone('UTC', im.delivered_at) AS date) = CAST(timezone('UTC', now()) AS date)"));
        assertThat(other.getJsonObject("queue").getJsonNumber("depth").longValue()).isGreaterThanOrEqualTo(0);
        assertThat(all.getJsonObject("mailboxesByType").getJsonNumber("PER").longValue())
                .as("the demo establishment's mailboxes are not counted for the other one")
                .isGreaterThan(other.getJsonObject("mailboxesByType").getJsonNumber("PER").longValue());
        assertProblem(practitioner.get("/api/v1/dashboard"), 403, "");
    }

    private JsonObject awaitAudit(RestClient client, String query) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            JsonObject page = client.get("/api/v1/audit?" + query).json();
            if (page.getJsonNumber("total").longValue() > 0) {
                return page.getJsonArray("items").getJsonObject(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no audit event for " + query);
    }

    private void awaitAuditDetails(RestClient client, String query, String detailsFragment) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            JsonObject page = client.get("/api/v1/audit?" + query).json();
            if (page.getJsonArray("items").stream()
                    .anyMatch(v -> v.asJsonObject().getString("details").contains(detailsFragment))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no audit event with " + detailsFragment + " for " + query);
    }

    private long count(String sql) throws Exception {
        try (Connection db = platform.database().connect(); PreparedStatement q = db.prepareStatement(sql);
             ResultSet rows = q.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static JsonObject single(RestClient.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.array()).hasSize(1);
        return reply.array().getJsonObject(0);
    }

    private static List<String> types(JsonObject trace) {
        return trace.getJsonArray("events").stream().map(e -> e.asJsonObject().getString("type")).toList();
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }

    private static String json(String text) {
        return text.replace("\n", "\\n");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private MailWire imapOverStartTls() throws Exception {
        return MailWire.imapStartTls(platform.settings().imapPort(), tls);
    }

    private MailWire submissionOverStartTls() throws Exception {
        return MailWire.submissionStartTls(platform.settings().submissionPort(), tls);
    }
}
