package fr.mssante.ejb.tenant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FinessTest {

    @ParameterizedTest
    @ValueSource(strings = {"750000002", "750000010", "010000024", "130781651"})
    void accepts_nine_digits_whose_luhn_sum_is_a_multiple_of_ten(String finess) {
        assertThat(Finess.parse(finess, "finess")).isEqualTo(finess);
    }

    @Test
    void the_demo_finess_750000001_fails_the_key_and_is_refused_for_new_establishments() {
        assertThatThrownBy(() -> Finess.parse("750000001", "finess"))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("check key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "75000000", "7500000020", "75000000A", "2A0000001", " 750000002", "７50000002"})
    void refuses_anything_but_nine_ascii_digits(String raw) {
        assertThatThrownBy(() -> Finess.parse(raw, "finess"))
                .isInstanceOf(InvalidFieldException.class)
                .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo("finess"));
    }

    @Test
    void luhn_doubles_every_second_digit_from_the_right() {
        assertThat(Finess.luhnValid("79927398713")).isTrue();
        assertThat(Finess.luhnValid("79927398710")).isFalse();
    }
}
