package fr.mssante.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every metric an alert or a dashboard reads is one that is exported: a misspelt name in PromQL is no
 * error for Prometheus or Grafana, just an alert that never fires or an empty panel. The list of exported
 * names, prometheus/exported-metrics.txt, is itself checked against a real scrape of the server by MetricsIT.
 */
class MetricNamesTest {

    private static final Path DOCKER = DeploymentFilesTest.DOCKER;
    private static final Pattern JSON_EXPR = Pattern.compile("\"(?:expr|query)\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Test
    void theAlertRulesReadOnlyExportedMetrics() throws Exception {
        Map<String, Set<String>> used = new TreeMap<>();
        for (String expression : AlertRules.expressions(Files.readString(DOCKER.resolve("prometheus/alerts.yml")))) {
            PromQlNames.of(expression).forEach(name -> used.computeIfAbsent(name, n -> new TreeSet<>()).add("alerts.yml"));
        }
        assertThat(used).as("metrics read by the alert rules").isNotEmpty();
        assertThat(unknown(used)).as("metrics read but not exported (prometheus/exported-metrics.txt)").isEmpty();
    }

    @Test
    void theDashboardsReadOnlyExportedMetrics() throws Exception {
        Map<String, Set<String>> used = new TreeMap<>();
        try (Stream<Path> dashboards = Files.list(DOCKER.resolve("grafana/dashboards"))) {
            for (Path dashboard : dashboards.filter(p -> p.toString().endsWith(".json")).toList()) {
                Matcher expr = JSON_EXPR.matcher(Files.readString(dashboard));
                while (expr.find()) {
                    String expression = expr.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
                    PromQlNames.of(expression).forEach(name ->
                            used.computeIfAbsent(name, n -> new TreeSet<>()).add(dashboard.getFileName().toString()));
                }
            }
        }
        assertThat(used.keySet()).as("metrics read by the dashboards").contains("mssante_messages_accepted_total",
                "mssante_imap_commands_latency_total", "datasources_pool_in_use_count");
        assertThat(unknown(used)).as("metrics read but not exported (prometheus/exported-metrics.txt)").isEmpty();
    }

    @Test
    void namesAreFoundWhereverPromQlPutsThem() {
        assertThat(PromQlNames.of("histogram_quantile(0.95, sum by (le, command) "
                + "(rate(mssante_imap_comands_latency_total{command!=\"IDLE\",instance=~\"$instance\"}[5m])))"))
                .containsExactly("mssante_imap_comands_latency_total");
        assertThat(PromQlNames.of("sum(rate(a_total{x=\"y\"}[5m])) / sum(rate(b_total[5m])) > 0.05 and on (job) up == 0"))
                .containsExactly("a_total", "b_total", "up");
        assertThat(PromQlNames.of("min by (certificate) (mssante_certificate_expiry_seconds) < 30 * 86400"))
                .containsExactly("mssante_certificate_expiry_seconds");
        assertThat(PromQlNames.of("label_values(up{job=\"wildfly\"}, instance)")).containsExactly("up");
    }

    /** Names used, with where, that prometheus/exported-metrics.txt does not list. */
    private static Map<String, Set<String>> unknown(Map<String, Set<String>> used) throws IOException {
        Set<String> exported = exported();
        Map<String, Set<String>> unknown = new TreeMap<>(used);
        unknown.keySet().removeAll(exported);
        return unknown;
    }

    static Set<String> exported() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(DOCKER.resolve("prometheus/exported-metrics.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.strip().split("\\s+")[1]);
            }
        }
        return names;
    }
}
