package fr.mssante.ejb.mailbox.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A UID set as sorted, merged inclusive ranges with binary-search lookup, so a long sequence set
 * ("1,3,5,7,...") costs O(log n) per candidate instead of a scan.
 */
final class UidRanges {

    private final long[] starts;
    private final long[] ends;

    private UidRanges(long[] starts, long[] ends) {
        this.starts = starts;
        this.ends = ends;
    }

    /**
     * @param ranges inclusive {@code [from, to]} pairs; {@code to == Long.MAX_VALUE} stands for "*".
     *               Reversed pairs are accepted: RFC 3501 9 says "2:4" and "4:2" are equivalent.
     */
    static UidRanges of(List<long[]> ranges) {
        List<long[]> sorted = new ArrayList<>(ranges.size());
        for (long[] range : ranges) {
            if (range == null || range.length != 2) {
                throw new IllegalArgumentException("UID range must be [from, to]");
            }
            // Copy: the arrays belong to the caller and are mutable.
            sorted.add(new long[] {Math.min(range[0], range[1]), Math.max(range[0], range[1])});
        }
        sorted.sort(Comparator.comparingLong(r -> r[0]));
        List<long[]> merged = new ArrayList<>(sorted.size());
        for (long[] range : sorted) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            // last[1] == MAX_VALUE already covers everything after it; avoids overflow of last[1] + 1.
            if (last != null && (last[1] == Long.MAX_VALUE || range[0] <= last[1] + 1)) {
                last[1] = Math.max(last[1], range[1]);
            } else {
                merged.add(range);
            }
        }
        long[] starts = new long[merged.size()];
        long[] ends = new long[merged.size()];
        for (int i = 0; i < merged.size(); i++) {
            starts[i] = merged.get(i)[0];
            ends[i] = merged.get(i)[1];
        }
        return new UidRanges(starts, ends);
    }

    boolean contains(long uid) {
        // Last range whose start is <= uid, then check its end.
        int low = 0;
        int high = starts.length - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (starts[mid] <= uid) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found >= 0 && uid <= ends[found];
    }
}
