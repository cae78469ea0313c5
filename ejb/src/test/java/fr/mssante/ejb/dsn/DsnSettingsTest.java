package fr.mssante.ejb.dsn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DsnSettingsTest {

    @Test
    void blankMeansTenMebibytes() {
        assertThat(DsnSettings.parse(null).maxReturnedBytes()).isEqualTo(10 * 1024 * 1024);
        assertThat(DsnSettings.parse(" ").maxReturnedBytes()).isEqualTo(10 * 1024 * 1024);
    }

    @Test
    void aNumberOfBytesIsTaken() {
        assertThat(DsnSettings.parse(" 65536 ").maxReturnedBytes()).isEqualTo(65536);
    }

    @Test
    void anythingElseNamesTheSetting() {
        for (String bad : new String[] {"10MB", "0", "-1", "99999999999", "2147483647"}) {
            assertThatThrownBy(() -> DsnSettings.parse(bad)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("mssante.dsn.max-returned-bytes").hasMessageContaining(bad);
        }
    }
}
