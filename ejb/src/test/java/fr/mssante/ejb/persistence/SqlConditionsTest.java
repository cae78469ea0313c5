package fr.mssante.ejb.persistence;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlConditionsTest {

    @Test
    void numbers_the_placeholders_of_the_conditions_present() {
        SqlConditions where = new SqlConditions().and("a = ?", 1).and("b BETWEEN ? AND ?", 2, 3);
        assertThat(where.where()).isEqualTo(" WHERE (a = ?1) AND (b BETWEEN ?2 AND ?3)");
    }

    @Test
    void no_condition_no_where() {
        assertThat(new SqlConditions().where()).isEmpty();
    }

    @Test
    void refuses_a_count_mismatch() {
        assertThatThrownBy(() -> new SqlConditions().and("a = ? AND b = ?", 1)).isInstanceOf(RuntimeException.class);
    }
}
