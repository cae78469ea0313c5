package fr.mssante.ejb.trust;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WhitelistSettingsTest {

    @Test
    void defaults_to_the_national_list_hourly_without_digest_and_with_the_jdk_trust() {
        WhitelistSettings settings = WhitelistSettings.from(name -> null);
        assertThat(settings.url()).hasToString("https://espacedeconfiance.mssante.fr/listeblanchemssante.xml");
        assertThat(settings.digestUrl()).isNull();
        assertThat(settings.trust()).isNull();
        assertThat(settings.refreshPeriod()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.staleAfter()).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void reads_every_setting(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Map<String, String> values = Map.of("mssante.whitelist.url", "https://127.0.0.1:8443/listeblanchemssante.xml",
                "mssante.whitelist.sha256-url", "https://127.0.0.1:8443/listeblanchemssante.xml.sha256",
                "mssante.whitelist.trust", ca.toString(), "mssante.whitelist.refresh-minutes", "5");
        WhitelistSettings settings = WhitelistSettings.from(values::get);
        assertThat(settings.digestUrl()).hasToString("https://127.0.0.1:8443/listeblanchemssante.xml.sha256");
        assertThat(settings.trust()).isEqualTo(ca);
        assertThat(settings.refreshPeriod()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void refuses_plain_http_bad_periods_and_a_missing_trust_file_naming_the_setting() {
        assertThatThrownBy(() -> WhitelistSettings.from(Map.of("mssante.whitelist.url", "http://example.org/l.xml")::get))
                .hasMessageContaining("mssante.whitelist.url (or MSSANTE_WHITELIST_URL)").hasMessageContaining("https://");
        assertThatThrownBy(() -> WhitelistSettings.from(Map.of("mssante.whitelist.sha256-url", "ftp://x/y")::get))
                .hasMessageContaining("MSSANTE_WHITELIST_SHA256_URL");
        assertThatThrownBy(() -> WhitelistSettings.from(Map.of("mssante.whitelist.refresh-minutes", "0")::get))
                .hasMessageContaining("MSSANTE_WHITELIST_REFRESH_MINUTES");
        assertThatThrownBy(() -> WhitelistSettings.from(Map.of("mssante.whitelist.refresh-minutes", "hourly")::get))
                .hasMessageContaining("between 1 and 10080");
        assertThatThrownBy(() -> WhitelistSettings.from(Map.of("mssante.whitelist.trust", "/nonexistent/ca.pem")::get))
                .hasMessageContaining("mssante.whitelist.trust").hasMessageContaining("no readable PEM file");
    }
}
