package fr.mssante.ejb.relay;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A temporary failure with the default settings: 2m,5m,...,2h steps, delay notice after 4 h, expiry after 5 days. */
class DeferralTest {

    private static final RelaySettings DEFAULTS = RelaySettings.from(Map.<String, String>of()::get);
    private static final OffsetDateTime ARRIVED = OffsetDateTime.parse("2026-12-01T08:00:00Z");

    @Test
    void earlyFailuresWaitTheScheduleStepOfTheirAttemptWithoutNotice() {
        Deferral first = Deferral.of(DEFAULTS, ARRIVED, 1, false, ARRIVED.plusSeconds(5));
        assertThat(first.expired()).isFalse();
        assertThat(first.nextAttempt()).isEqualTo(ARRIVED.plusSeconds(5).plusMinutes(2));
        assertThat(first.delayNotice()).isFalse();

        Deferral tenth = Deferral.of(DEFAULTS, ARRIVED, 10, false, ARRIVED.plusHours(3));
        assertThat(tenth.nextAttempt()).isEqualTo(ARRIVED.plusHours(5));
    }

    @Test
    void theDelayNoticeGoesOnceAfterFourHours() {
        assertThat(Deferral.of(DEFAULTS, ARRIVED, 8, false, ARRIVED.plusHours(4).minusSeconds(1)).delayNotice()).isFalse();

        Deferral due = Deferral.of(DEFAULTS, ARRIVED, 8, false, ARRIVED.plusHours(4));
        assertThat(due.delayNotice()).isTrue();
        assertThat(due.giveUpAt()).isEqualTo(ARRIVED.plusDays(5));

        assertThat(Deferral.of(DEFAULTS, ARRIVED, 9, true, ARRIVED.plusHours(6)).delayNotice()).as("already sent").isFalse();
    }

    @Test
    void afterFiveDaysTheRecipientExpires() {
        assertThat(Deferral.of(DEFAULTS, ARRIVED, 60, true, ARRIVED.plusDays(5).minusSeconds(1)).expired()).isFalse();

        Deferral expired = Deferral.of(DEFAULTS, ARRIVED, 61, true, ARRIVED.plusDays(5));
        assertThat(expired.expired()).isTrue();
        assertThat(expired.nextAttempt()).isNull();
        assertThat(expired.delayNotice()).isFalse();
    }
}
