package fr.mssante.connector.imap.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SequenceSetTest {

    @Test
    void parsesNumbersRangesAndStar() throws ImapSyntaxException {
        SequenceSet set = SequenceSet.parse("1:3,5,7:*,9:8");
        assertThat(set.resolve(20)).containsExactly(new long[] {1, 3}, new long[] {5, 5}, new long[] {7, 20},
                new long[] {8, 9});
    }

    @Test
    void starBelowTheLowEndStillIncludesTheLargest() throws ImapSyntaxException {
        // RFC 3501 6.4.8: "559:*" always includes the largest UID.
        assertThat(SequenceSet.parse("559:*").resolve(500)).containsExactly(new long[] {500, 559});
        assertThat(SequenceSet.parse("559:*").contains(500, 500)).isTrue();
        assertThat(SequenceSet.parse("559:*").contains(499, 500)).isFalse();
    }

    @Test
    void refusesInvalidSets() {
        for (String invalid : List.of("", "0", "1:", ",1", "1,,2", "01", "a", "4294967296")) {
            assertThatThrownBy(() -> SequenceSet.parse(invalid)).as(invalid).isInstanceOf(ImapSyntaxException.class);
        }
    }

    @Test
    void formatsAscendingValuesCompactly() {
        assertThat(SequenceSet.format(List.of(1L, 2L, 3L, 5L, 7L, 8L))).isEqualTo("1:3,5,7:8");
        assertThat(SequenceSet.format(List.of(4L))).isEqualTo("4");
        assertThat(SequenceSet.format(List.of())).isEmpty();
        // Order is kept: COPYUID pairs the n-th source with the n-th target.
        assertThat(SequenceSet.format(List.of(12L, 10L, 11L))).isEqualTo("12,10:11");
    }
}
