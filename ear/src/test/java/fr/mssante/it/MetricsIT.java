package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static fr.mssante.it.Identities.DEMO_APP_PASSWORD;
import static fr.mssante.it.Identities.DR_MARTIN;
import static fr.mssante.it.MailWire.last;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Prometheus sees (ADR 0026): after a message is submitted over SMTP, delivered and read over IMAP,
 * the counters on the management interface's {@code /prometheus} moved accordingly, the certificate
 * expiry and datasource gauges are there, and the public HTTP port does not serve the metrics.
 */
@ExtendWith(PlatformExtension.class)
class MetricsIT {

    private final LocalPlatform platform;
    private final URI metrics;

    MetricsIT(LocalPlatform platform) {
        this.platform = platform;
        this.metrics = URI.create("http://127.0.0.1:" + platform.settings().managementPort() + "/prometheus");
    }

    @Test
    void a_message_submitted_delivered_and_read_moves_the_counters() throws Exception {
        PrometheusScrape before = PrometheusScrape.of(metrics);
        MailUser drMartin = new MailUser(DR_MARTIN, DEMO_APP_PASSWORD, platform.settings().submissionPort(),
                platform.settings().imapPort(), platform.caCertificate());
        String subject = "Mesures " + UUID.randomUUID();
        String reply = drMartin.submit(("From: <" + DR_MARTIN + ">\r\nTo: <" + DR_MARTIN + ">\r\nSubject: " + subject
                + "\r\n\r\nBonjour.\r\n").getBytes(StandardCharsets.UTF_8), DR_MARTIN);
        assertThat(reply).startsWith("250");
        drMartin.awaitSubject(subject, Duration.ofSeconds(30));

        SSLContext tls = TestTls.trusting(platform.caCertificate());
        try (MailWire imap = MailWire.imapStartTls(platform.settings().imapPort(), tls)) {
            assertThat(last(imap.imap("LOGIN " + DR_MARTIN + " " + DEMO_APP_PASSWORD))).contains("OK");
            assertThat(last(imap.imap("SELECT INBOX"))).contains("OK");
            assertThat(last(imap.imap("FETCH 1 (FLAGS)"))).contains("OK");
            imap.imap("LOGOUT");
        }

        PrometheusScrape after = PrometheusScrape.of(metrics);
        Files.createDirectories(Path.of("target/failsafe-reports"));
        Files.writeString(Path.of("target/failsafe-reports/MetricsIT-scrape.txt"), after.text());
        assertThat(delta(before, after, "mssante_messages_accepted_total", "service", "submission")).isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "mssante_messages_delivered_total", "outcome", "delivered")).isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "mssante_smtp_transactions_total", "service", "submission", "outcome", "accepted",
                "reason", "2.0.0")).isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "mssante_delivery_seconds_count")).isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "mssante_imap_commands_seconds_count", "command", "FETCH", "status", "OK"))
                .isGreaterThanOrEqualTo(1);
        assertThat(after.matching("mssante_imap_commands_latency_total", "command", "FETCH", "status", "OK"))
                .as("latency histogram buckets").isNotEmpty();
        assertThat(delta(before, after, "mssante_authentications_total", "service", "submission", "mechanism", "PLAIN",
                "outcome", "success")).isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "mssante_authentications_total", "service", "imap", "mechanism", "LOGIN",
                "outcome", "success")).isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "mssante_smtp_sessions_total", "service", "submission", "outcome", "quit"))
                .isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "mssante_connections_total", "service", "imap", "admission", "admitted"))
                .isGreaterThanOrEqualTo(1);

        // The names the alert rules and dashboards may use (checked there by the docker module's MetricNamesTest).
        for (String name : exportedByWildFly()) {
            assertThat(after.matching(name)).as(name + " in the scrape (docker/prometheus/exported-metrics.txt)")
                    .isNotEmpty();
        }
    }

    private static List<String> exportedByWildFly() throws IOException {
        Path list = Path.of(System.getProperty("basedir", ".")).resolve("../docker/prometheus/exported-metrics.txt");
        List<String> names = Files.readAllLines(list).stream()
                .filter(line -> line.startsWith("wildfly "))
                .map(line -> line.substring("wildfly ".length()).strip())
                .toList();
        assertThat(names).as(list.toString()).isNotEmpty();
        return names;
    }

    @Test
    void certificate_expiry_queues_and_the_datasource_pool_are_exported() throws Exception {
        PrometheusScrape scrape = PrometheusScrape.of(metrics);
        assertThat(scrape.matching("mssante_certificate_expiry_seconds", "certificate", "server"))
                .singleElement().satisfies(s -> assertThat(s.value()).as("dev certificate valid for days").isPositive());
        assertThat(scrape.matching("mssante_certificate_expiry_seconds", "certificate", "relay")).hasSize(1);
        assertThat(scrape.matching("mssante_queue_depth", "queue", "intake")).hasSize(1);
        assertThat(scrape.matching("mssante_queue_oldest_seconds", "queue", "relay")).hasSize(1);
        assertThat(scrape.matching("datasources_pool_in_use_count", "name", "MssanteDS")).hasSize(1);
        assertThat(scrape.matching("messaging_activemq_message_count", "name", "DeliveryDLQ", "type", "jms-queue"))
                .hasSize(1);
    }

    @Test
    void the_public_http_port_does_not_serve_the_metrics() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + platform.settings().httpPort() + "/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("mssante_");
    }

    private static double delta(PrometheusScrape before, PrometheusScrape after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }
}
