package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ADR 0022 in the container: the production-mode check runs at deployment, and the test platform is
 * deployed only because the devstack sets development mode. Its development settings (published
 * passwords, demo data) are the ones the check names, so the same start without {@code mssante.mode}
 * would be refused (the rule itself: UnsafeSettingsTest; a second WildFly to watch it fail costs minutes).
 */
@ExtendWith(PlatformExtension.class)
class ProductionModeIT {

    private final LocalPlatform platform;

    ProductionModeIT(LocalPlatform platform) {
        this.platform = platform;
    }

    @Test
    void the_devstack_runs_in_development_mode_and_the_check_names_its_unsafe_settings() throws Exception {
        String log = Files.readString(platform.server().serverLog());
        assertThat(log).contains("Development mode (mssante.mode=development), accepting unsafe settings: ")
                .contains("mssante.db.password (or MSSANTE_DB_PASSWORD) is a published development password")
                .contains("mssante.cluster.password (or MSSANTE_CLUSTER_PASSWORD) is not set")
                .contains("mssante.demo-data is true")
                .doesNotContain("Refusing to start in production mode");
    }
}
