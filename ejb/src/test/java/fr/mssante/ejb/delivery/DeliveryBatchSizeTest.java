package fr.mssante.ejb.delivery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryBatchSizeTest {

    @Test
    void unset_or_blank_is_the_default() {
        assertThat(DeliveryBatchSize.parse(null)).isEqualTo(DeliveryBatchSize.DEFAULT);
        assertThat(DeliveryBatchSize.parse("  ")).isEqualTo(DeliveryBatchSize.DEFAULT);
    }

    @Test
    void one_to_the_maximum_is_accepted() {
        assertThat(DeliveryBatchSize.parse("1")).isEqualTo(1);
        assertThat(DeliveryBatchSize.parse(" 32 ")).isEqualTo(32);
        assertThat(DeliveryBatchSize.parse(String.valueOf(DeliveryBatchSize.MAX))).isEqualTo(DeliveryBatchSize.MAX);
    }

    @Test
    void anything_else_fails_naming_the_setting() {
        for (String wrong : new String[]{"0", "-3", String.valueOf(DeliveryBatchSize.MAX + 1), "16 messages", "1.5"}) {
            assertThatThrownBy(() -> DeliveryBatchSize.parse(wrong)).as(wrong)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("mssante.delivery.batch-size")
                    .hasMessageContaining("MSSANTE_DELIVERY_BATCH_SIZE")
                    .hasMessageContaining("'" + wrong + "'");
        }
    }
}
