package fr.mssante.ejb.relay;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryScheduleTest {

    @Test
    void theDefaultScheduleWaitsEachStepThenRepeatsTheLast() {
        RetrySchedule schedule = RetrySchedule.parse(RetrySchedule.DEFAULT, "mssante.relay.retry-schedule");

        assertThat(schedule.delayAfter(1)).isEqualTo(Duration.ofMinutes(2));
        assertThat(schedule.delayAfter(2)).isEqualTo(Duration.ofMinutes(5));
        assertThat(schedule.delayAfter(6)).isEqualTo(Duration.ofHours(1));
        assertThat(schedule.delayAfter(7)).isEqualTo(Duration.ofHours(2));
        assertThat(schedule.delayAfter(50)).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void stepsMayBeSecondsOrDaysWithSpaces() {
        assertThat(RetrySchedule.parse(" 3s , 1d ", "x").steps()).containsExactly(Duration.ofSeconds(3), Duration.ofDays(1));
    }

    @Test
    void aBadStepFailsNamingTheSetting() {
        assertThatThrownBy(() -> RetrySchedule.parse("2m,,5m", "mssante.relay.retry-schedule"))
                .hasMessageStartingWith("mssante.relay.retry-schedule: '2m,,5m'");
        assertThatThrownBy(() -> RetrySchedule.parse("2 minutes", "mssante.relay.retry-schedule"))
                .hasMessageContaining("mssante.relay.retry-schedule: '2 minutes' is not a positive duration");
        assertThatThrownBy(() -> RetrySchedule.parse("0s", "mssante.relay.retry-schedule"))
                .hasMessageContaining("is not a positive duration");
        assertThatThrownBy(() -> RetrySchedule.parse("", "mssante.relay.retry-schedule"))
                .hasMessageStartingWith("mssante.relay.retry-schedule");
    }

    @Test
    void settingsDefaultToTheAgreedValuesAndFallBackToTheServerKeyFiles() {
        RelaySettings settings = RelaySettings.from(Map.of(
                "mssante.tls.certificate", "/etc/mssante/server.pem",
                "mssante.tls.private-key", "/etc/mssante/server.key",
                "mssante.tls.client-trust", "/etc/mssante/igc-sante.pem")::get);

        assertThat(settings.retrySchedule().steps()).hasSize(7);
        assertThat(settings.delayNoticeAfter()).isEqualTo(Duration.ofHours(4));
        assertThat(settings.expireAfter()).isEqualTo(Duration.ofDays(5));
        assertThat(settings.maxConnectionsPerDestination()).isEqualTo(4);
        assertThat(settings.certificate()).hasToString("/etc/mssante/server.pem");
        assertThat(settings.peerTrust()).hasToString("/etc/mssante/igc-sante.pem");
        assertThat(settings.tlsConfigured()).isTrue();
    }

    @Test
    void relaySettingsWinOverTheServerOnesAndBadValuesNameTheirSetting() {
        RelaySettings settings = RelaySettings.from(Map.of(
                "mssante.relay.certificate", "/relay.pem", "mssante.tls.certificate", "/server.pem",
                "mssante.relay.expire-after", "20s", "mssante.relay.max-connections-per-destination", "2")::get);
        assertThat(settings.certificate()).hasToString("/relay.pem");
        assertThat(settings.expireAfter()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.maxConnectionsPerDestination()).isEqualTo(2);
        assertThat(settings.tlsConfigured()).isFalse();

        assertThatThrownBy(() -> RelaySettings.from(Map.of("mssante.relay.max-connections-per-destination", "0")::get))
                .hasMessageStartingWith("mssante.relay.max-connections-per-destination: '0'");
        assertThatThrownBy(() -> RelaySettings.from(Map.of("mssante.relay.delay-notice-after", "soon")::get))
                .hasMessageStartingWith("mssante.relay.delay-notice-after: 'soon'");
    }
}
