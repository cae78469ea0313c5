package fr.mssante.ejb.trust;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Age and staleness of the list in use, as REST and /health report them. */
class WhitelistStatusTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 3, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final WhitelistSettings HOURLY = new WhitelistSettings(URI.create(WhitelistSettings.DEFAULT_URL), null, null,
            Duration.ofHours(1));
    private static final WhitelistStore.FetchState NEVER = new WhitelistStore.FetchState(null, null, null, null);

    @Test
    void no_list_is_stale_and_has_no_age() {
        WhitelistStatus status = WhitelistStatus.of(WhitelistSnapshot.EMPTY, NEVER, HOURLY, NOW);
        assertThat(status.stale()).isTrue();
        assertThat(status.age()).isNull();
        assertThat(status.current()).isNull();
        assertThat(status.domainCount()).isZero();
    }

    @Test
    void the_age_counts_from_the_last_confirmation_not_the_first_fetch() {
        WhitelistStatus status = WhitelistStatus.of(snapshot(NOW.minusDays(20), NOW.minusMinutes(10)), NEVER, HOURLY, NOW);
        assertThat(status.age()).isEqualTo(Duration.ofMinutes(10));
        assertThat(status.stale()).isFalse();
        assertThat(status.domainCount()).isEqualTo(1);
    }

    @Test
    void stale_past_three_refresh_periods_without_confirmation() {
        assertThat(WhitelistStatus.of(snapshot(NOW.minusHours(5), NOW.minusHours(3)), NEVER, HOURLY, NOW).stale()).isFalse();
        assertThat(WhitelistStatus.of(snapshot(NOW.minusHours(5), NOW.minusHours(3).minusSeconds(1)), NEVER, HOURLY, NOW).stale())
                .isTrue();
    }

    @Test
    void the_last_attempt_failed_when_the_last_error_is_the_last_attempt() {
        OffsetDateTime failed = NOW.minusMinutes(1);
        WhitelistStatus afterFailure = WhitelistStatus.of(snapshot(NOW.minusHours(1), NOW.minusHours(1)),
                new WhitelistStore.FetchState(failed, NOW.minusHours(1), "SHA-256 mismatch", failed), HOURLY, NOW);
        assertThat(afterFailure.lastAttemptFailed()).isTrue();
        assertThat(afterFailure.lastError()).isEqualTo("SHA-256 mismatch");
        WhitelistStatus recovered = WhitelistStatus.of(snapshot(NOW.minusHours(1), NOW),
                new WhitelistStore.FetchState(NOW, NOW, "SHA-256 mismatch", failed), HOURLY, NOW);
        assertThat(recovered.lastAttemptFailed()).isFalse();
    }

    private static WhitelistSnapshot snapshot(OffsetDateTime fetched, OffsetDateTime checked) {
        WhitelistVersion version = new WhitelistVersion(7, fetched, checked, WhitelistSettings.DEFAULT_URL, "0".repeat(64), 100,
                null, null, 1, List.of(), "test");
        return WhitelistSnapshot.of(version, List.of(new WhitelistEntry("a.mssante.fr", "CN=a,C=FR", null, null, null, null)));
    }
}
