package fr.mssante.ejb.trust;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which node's tick fetches: the nodes' timers are not aligned, so a tick that comes less than 0.9 period
 * after any node's attempt leaves the fetch to that node's next turn and reads its result instead.
 */
class FetchTurnTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 3, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void never_attempted_fetches() {
        assertThat(WhitelistFetcher.attemptedThisPeriod(null, NOW, HOUR)).isFalse();
    }

    @Test
    void another_node_attempted_ten_minutes_ago_skips() {
        assertThat(WhitelistFetcher.attemptedThisPeriod(NOW.minusMinutes(10), NOW, HOUR)).isTrue();
    }

    @Test
    void the_node_that_fetched_last_period_fetches_again_despite_timer_jitter() {
        assertThat(WhitelistFetcher.attemptedThisPeriod(NOW.minusMinutes(59), NOW, HOUR)).isFalse();
        assertThat(WhitelistFetcher.attemptedThisPeriod(NOW.minusMinutes(54).plusSeconds(1), NOW, HOUR)).isTrue();
    }
}
