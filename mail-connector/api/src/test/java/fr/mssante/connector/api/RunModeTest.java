package fr.mssante.connector.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunModeTest {

    @Test
    void unset_or_blank_is_production() {
        assertThat(RunMode.parse(null)).isEqualTo(RunMode.PRODUCTION);
        assertThat(RunMode.parse("  ")).isEqualTo(RunMode.PRODUCTION);
    }

    @Test
    void both_values_are_read_whatever_their_case() {
        assertThat(RunMode.parse("production")).isEqualTo(RunMode.PRODUCTION);
        assertThat(RunMode.parse(" Development ")).isEqualTo(RunMode.DEVELOPMENT);
    }

    @Test
    void an_unknown_value_names_the_setting_rather_than_picking_a_mode() {
        assertThatThrownBy(() -> RunMode.parse("dev"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mssante.mode")
                .hasMessageContaining("MSSANTE_MODE")
                .hasMessageContaining("'dev'");
    }
}
