package fr.mssante.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus configuration and alert rules, checked by promtool itself: syntax, and the unit tests of
 * alerts.test.yml in which every alert fires on its symptom and stays silent on a near miss.
 */
class PrometheusRulesTest {

    static final Path PROMETHEUS = DeploymentFilesTest.DOCKER.resolve("prometheus");

    @Test
    void theScrapeConfigurationIsValid() throws Exception {
        Promtool.Result result = Promtool.run(PROMETHEUS, "check", "config", "prometheus.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("1 rule files found");
    }

    @Test
    void theAlertRulesAreValid() throws Exception {
        Promtool.Result result = Promtool.run(PROMETHEUS, "check", "rules", "alerts.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void everyAlertFiresOnItsSymptomAndOnlyThen() throws Exception {
        Promtool.Result result = Promtool.run(PROMETHEUS, "test", "rules", "alerts.test.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
        String rules = Files.readString(PROMETHEUS.resolve("alerts.yml"));
        String tests = Files.readString(PROMETHEUS.resolve("alerts.test.yml"));
        for (String alert : AlertRules.names(rules)) {
            assertThat(tests).as("a firing case for " + alert).containsPattern(
                    "alertname: " + alert + "\\s+exp_alerts:\\s+- exp_labels");
            assertThat(tests).as("a silent case for " + alert).contains("alertname: " + alert + "\n        exp_alerts: []");
        }
    }

    @Test
    void aRuleTestThatExpectsTheWrongThingFails(@TempDir Path directory) throws Exception {
        Files.copy(PROMETHEUS.resolve("alerts.yml"), directory.resolve("alerts.yml"));
        String tests = Files.readString(PROMETHEUS.resolve("alerts.test.yml"));
        // The certificate valid for 30 days and more said to alert: promtool must report the difference.
        Files.writeString(directory.resolve("alerts.test.yml"),
                tests.replace("certificate=\"server\"," + "instance=\"wildfly-1:9990\",job=\"wildfly\"}'\n        values: '2000000x5'",
                        "certificate=\"server\"," + "instance=\"wildfly-1:9990\",job=\"wildfly\"}'\n        values: '2600000x5'"));
        Promtool.Result result = Promtool.run(directory, "test", "rules", "alerts.test.yml");
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("MssanteCertificateExpiringSoon");
    }
}
