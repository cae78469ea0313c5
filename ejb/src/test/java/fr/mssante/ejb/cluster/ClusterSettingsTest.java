package fr.mssante.ejb.cluster;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterSettingsTest {

    @Test
    void withNothingConfiguredANodeIsMssante1AndDeadAfterTwentySeconds() {
        ClusterSettings settings = ClusterSettings.from(name -> null);
        assertThat(settings.nodeName()).isEqualTo("mssante-1");
        assertThat(settings.deadAfter()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void theNodeNameIsTheTransactionNodeIdentifier() {
        Map<String, String> configured = Map.of("jboss.tx.node.id", "mssante-3", ClusterSettings.DEAD_AFTER, "1m");
        ClusterSettings settings = ClusterSettings.from(configured::get);
        assertThat(settings.nodeName()).isEqualTo("mssante-3");
        assertThat(settings.deadAfter()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aDelayWithinThreeHeartbeatsIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> ClusterSettings.from(Map.of(ClusterSettings.DEAD_AFTER, "10s")::get))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(ClusterSettings.DEAD_AFTER);
        assertThatThrownBy(() -> ClusterSettings.from(Map.of(ClusterSettings.DEAD_AFTER, "soon")::get))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(ClusterSettings.DEAD_AFTER);
    }
}
