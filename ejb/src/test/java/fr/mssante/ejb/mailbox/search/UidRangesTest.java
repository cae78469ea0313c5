package fr.mssante.ejb.mailbox.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class UidRangesTest {

    @Test
    void inclusiveBounds() {
        UidRanges r = UidRanges.of(List.of(new long[] {3, 5}));

        assertThat(r.contains(2)).isFalse();
        assertThat(r.contains(3)).isTrue();
        assertThat(r.contains(5)).isTrue();
        assertThat(r.contains(6)).isFalse();
    }

    @Test
    void starIsMaxValue() {
        UidRanges r = UidRanges.of(List.of(new long[] {10, Long.MAX_VALUE}, new long[] {2, 2}));

        assertThat(r.contains(1)).isFalse();
        assertThat(r.contains(2)).isTrue();
        assertThat(r.contains(9)).isFalse();
        assertThat(r.contains(4_000_000_000L)).isTrue();
        assertThat(r.contains(Long.MAX_VALUE)).isTrue();
    }

    @Test
    void reversedRangeIsTheSameRange() {
        assertThat(UidRanges.of(List.<long[]>of(new long[] {4, 2})).contains(3)).isTrue();
    }

    @Test
    void overlappingAdjacentAndUnsortedRangesMerge() {
        UidRanges r = UidRanges.of(List.of(new long[] {20, 30}, new long[] {1, 5}, new long[] {6, 8},
                new long[] {4, 7}, new long[] {25, Long.MAX_VALUE}, new long[] {100, 200}));

        assertThat(r.contains(1)).isTrue();
        assertThat(r.contains(8)).isTrue();
        assertThat(r.contains(9)).isFalse();
        assertThat(r.contains(19)).isFalse();
        assertThat(r.contains(150)).isTrue();
        assertThat(r.contains(Long.MAX_VALUE)).isTrue();
    }

    @Test
    void emptySetContainsNothing() {
        assertThat(UidRanges.of(List.of()).contains(1)).isFalse();
    }

    @Test
    void manySingleUids() {
        List<long[]> ranges = new ArrayList<>();
        for (long uid = 1; uid <= 1000; uid += 2) {
            ranges.add(new long[] {uid, uid});
        }
        UidRanges r = UidRanges.of(ranges);

        assertThat(r.contains(999)).isTrue();
        assertThat(r.contains(998)).isFalse();
        assertThat(r.contains(1001)).isFalse();
    }

    @Test
    void callerArraysAreCopied() {
        long[] range = {1, 3};
        UidRanges r = UidRanges.of(List.<long[]>of(range));
        range[1] = 100;

        assertThat(r.contains(50)).isFalse();
    }

    @Test
    void rejectsMalformedRange() {
        assertThatThrownBy(() -> UidRanges.of(List.<long[]>of(new long[] {1})))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
