package fr.mssante.ejb.identity;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottleSettingsTest {

    private final ThrottleSettings settings = new ThrottleSettings(3, Duration.ofSeconds(1), Duration.ofSeconds(5),
            10, 50, Duration.ofMinutes(15), Duration.ofMinutes(15));

    @Test
    void theFirstFailuresAreAnsweredAtOnceThenLaterAndLaterUpToTheCap() {
        assertThat(settings.delayFor(1)).isZero();
        assertThat(settings.delayFor(3)).isZero();
        assertThat(settings.delayFor(4)).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.delayFor(6)).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.delayFor(9)).isEqualTo(Duration.ofSeconds(5));
    }
}
