package fr.mssante.ejb.startup;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UnsafeSettingsTest {

    /** What an operator following the README's production section passes. */
    private static Map<String, String> safeProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("mssante.db.password", "s3cret-app");
        p.put("mssante.db.owner-password", "s3cret-owner");
        p.put("mssante.cluster.password", "s3cret-cluster");
        p.put("mssante.tls.certificate", "/etc/mssante/server.pem");
        p.put("mssante.tls.private-key", "/etc/mssante/server.key");
        return p;
    }

    private static List<String> unsafe(Map<String, String> properties, Map<String, String> environment) {
        return new UnsafeSettings(properties::get, environment::get).find();
    }

    @Test
    void a_production_configuration_has_no_unsafe_setting() {
        assertThat(unsafe(safeProperties(), Map.of())).isEmpty();
    }

    @Test
    void nothing_configured_names_every_unsafe_setting_at_once() {
        List<String> unsafe = unsafe(Map.of(), Map.of());
        assertThat(unsafe).hasSize(4);
        assertThat(unsafe.get(0)).startsWith("mssante.db.password (or MSSANTE_DB_PASSWORD) is not set");
        assertThat(unsafe.get(1)).startsWith("mssante.db.owner-password (or MSSANTE_DB_OWNER_PASSWORD) is not set");
        assertThat(unsafe.get(2)).startsWith("mssante.cluster.password (or MSSANTE_CLUSTER_PASSWORD) is not set");
        assertThat(unsafe.get(3)).startsWith("mssante.tls.certificate (or mssante.tls.keystore) is not set")
                .contains("mssante.smtp.port", "mssante.submission.port", "mssante.imap.port");
    }

    @Test
    void what_the_devstack_passes_is_refused_setting_by_setting() {
        Map<String, String> dev = new HashMap<>();
        dev.put("mssante.db.password", "mssante_app");
        dev.put("mssante.db.owner-password", "mssante");
        dev.put("mssante.cluster.password", "mssante-dev-cluster-password");
        dev.put("mssante.tls.certificate", "");
        dev.put("mssante.auth.allow-plaintext", "true");
        dev.put("mssante.demo-data", "TRUE");
        assertThat(unsafe(dev, Map.of())).containsExactly(
                "mssante.db.password (or MSSANTE_DB_PASSWORD) is a published development password",
                "mssante.db.owner-password (or MSSANTE_DB_OWNER_PASSWORD) is a published development password",
                "mssante.cluster.password (or MSSANTE_CLUSTER_PASSWORD) is a published development password",
                "mssante.tls.certificate (or mssante.tls.keystore) is not set while mail listeners are enabled"
                        + " (mssante.smtp.port, mssante.submission.port, mssante.imap.port): TLS would be off",
                "mssante.auth.allow-plaintext is true: mail clients could send passwords before TLS",
                "mssante.demo-data is true: demo mailboxes with a published app password would be created");
    }

    @Test
    void passwords_come_from_the_environment_when_no_property_is_set_as_in_the_cli_expressions() {
        Map<String, String> properties = safeProperties();
        properties.remove("mssante.db.password");
        properties.remove("mssante.cluster.password");
        assertThat(unsafe(properties, Map.of("MSSANTE_DB_PASSWORD", "from-env", "MSSANTE_CLUSTER_PASSWORD", "also")))
                .isEmpty();
        assertThat(unsafe(properties, Map.of("MSSANTE_DB_PASSWORD", " ", "MSSANTE_CLUSTER_PASSWORD", "CHANGE ME!!")))
                .containsExactly("mssante.db.password (or MSSANTE_DB_PASSWORD) is empty",
                        "mssante.cluster.password (or MSSANTE_CLUSTER_PASSWORD) is a published development password");
    }

    /** An operator who copied docker/.env.example to .env and forgot to replace its placeholders. */
    @Test
    void the_placeholders_of_the_compose_environment_example_are_refused() throws IOException {
        Map<String, String> environment = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(System.getProperty("basedir", "."), "../docker/.env.example"))) {
            int equals = line.indexOf('=');
            if (!line.startsWith("#") && equals > 0) {
                environment.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
            }
        }
        Map<String, String> properties = safeProperties();
        properties.remove("mssante.db.password");
        properties.remove("mssante.db.owner-password");
        properties.remove("mssante.cluster.password");
        assertThat(unsafe(properties, environment)).containsExactly(
                "mssante.db.password (or MSSANTE_DB_PASSWORD) is still the placeholder of docker/.env.example",
                "mssante.db.owner-password (or MSSANTE_DB_OWNER_PASSWORD) is still the placeholder of docker/.env.example",
                "mssante.cluster.password (or MSSANTE_CLUSTER_PASSWORD) is still the placeholder of docker/.env.example");
    }

    @Test
    void the_property_wins_over_the_environment_as_in_the_cli_expressions() {
        Map<String, String> properties = safeProperties();
        properties.put("mssante.db.password", "mssante");
        assertThat(unsafe(properties, Map.of("MSSANTE_DB_PASSWORD", "strong")))
                .containsExactly("mssante.db.password (or MSSANTE_DB_PASSWORD) is a published development password");
    }

    @Test
    void a_keystore_is_tls_too() {
        Map<String, String> properties = safeProperties();
        properties.remove("mssante.tls.certificate");
        properties.put("mssante.tls.keystore", "/etc/mssante/server.p12");
        assertThat(unsafe(properties, Map.of())).isEmpty();
    }

    @Test
    void without_tls_only_the_enabled_mail_ports_are_named_and_none_enabled_is_safe() {
        Map<String, String> properties = safeProperties();
        properties.remove("mssante.tls.certificate");
        properties.put("mssante.smtp.port", "0");
        properties.put("mssante.imap.port", "0");
        assertThat(unsafe(properties, Map.of())).containsExactly(
                "mssante.tls.certificate (or mssante.tls.keystore) is not set while mail listeners are enabled"
                        + " (mssante.submission.port): TLS would be off");
        properties.put("mssante.submission.port", "0");
        assertThat(unsafe(properties, Map.of())).isEmpty();
    }

    @Test
    void switches_set_to_false_are_safe() {
        Map<String, String> properties = safeProperties();
        properties.put("mssante.auth.allow-plaintext", "false");
        properties.put("mssante.demo-data", "false");
        assertThat(unsafe(properties, Map.of())).isEmpty();
    }

    @Test
    void the_refusal_names_every_setting_and_the_mode_setting() {
        String message = ProductionSafetyCheck.refusal(unsafe(Map.of("mssante.demo-data", "true"), Map.of()));
        assertThat(message).contains("mssante.mode", "MSSANTE_MODE", "mssante.db.password", "mssante.db.owner-password",
                "mssante.cluster.password", "mssante.tls.certificate", "mssante.demo-data");
    }
}
