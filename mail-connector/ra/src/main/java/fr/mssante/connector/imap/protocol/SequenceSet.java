package fr.mssante.connector.imap.protocol;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * A sequence set as the client wrote it (RFC 3501 section 9 {@code sequence-set}): ranges of message
 * sequence numbers or UIDs, {@code *} standing for the largest one in use. It is resolved against the
 * session's view of the mailbox only when the command runs.
 */
public record SequenceSet(List<Range> ranges) {

    /** {@code *} in a range. */
    public static final long LARGEST = -1;

    /** One element; {@code low} may be greater than {@code high} ("4:2" is "2:4", RFC 3501 section 9). */
    public record Range(long low, long high) {
    }

    public SequenceSet {
        ranges = List.copyOf(ranges);
    }

    /**
     * Ranges with {@code *} replaced by {@code largest} and each ordered low..high. For UID sets,
     * RFC 3501 section 6.4.8: "559:*" includes the largest UID even when it is below 559.
     */
    public List<long[]> resolve(long largest) {
        List<long[]> resolved = new ArrayList<>(ranges.size());
        for (Range range : ranges) {
            long a = range.low() == LARGEST ? largest : range.low();
            long b = range.high() == LARGEST ? largest : range.high();
            resolved.add(new long[] {Math.min(a, b), Math.max(a, b)});
        }
        return resolved;
    }

    /** Whether {@code value} is in the set once {@code *} is {@code largest}. */
    public boolean contains(long value, long largest) {
        for (long[] range : resolve(largest)) {
            if (value >= range[0] && value <= range[1]) {
                return true;
            }
        }
        return false;
    }

    /** Parses the text form ("1:3,5,7:*"). */
    public static SequenceSet parse(String text) throws ImapSyntaxException {
        if (text.isEmpty()) {
            throw new ImapSyntaxException("Empty sequence set");
        }
        List<Range> ranges = new ArrayList<>();
        for (String element : text.split(",", -1)) {
            int colon = element.indexOf(':');
            if (colon < 0) {
                long n = number(element);
                ranges.add(new Range(n, n));
            } else {
                ranges.add(new Range(number(element.substring(0, colon)), number(element.substring(colon + 1))));
            }
        }
        return new SequenceSet(ranges);
    }

    private static long number(String text) throws ImapSyntaxException {
        if (text.equals("*")) {
            return LARGEST;
        }
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || text.charAt(0) == '0') {
            throw new ImapSyntaxException("Invalid sequence set number '" + text + "'");
        }
        long n = Long.parseLong(text);
        if (n > 0xFFFF_FFFFL) {
            throw new ImapSyntaxException("Sequence set number out of range: " + text);
        }
        return n;
    }

    /** The compact text form of ascending values: {@code 1:3,5} (RFC 4315 uid-set, VANISHED, MODIFIED). */
    public static String format(Collection<Long> ascending) {
        StringBuilder out = new StringBuilder();
        Iterator<Long> values = ascending.iterator();
        if (!values.hasNext()) {
            return "";
        }
        long start = values.next();
        long end = start;
        while (values.hasNext()) {
            long next = values.next();
            if (next == end + 1) {
                end = next;
            } else {
                append(out, start, end);
                start = next;
                end = next;
            }
        }
        append(out, start, end);
        return out.toString();
    }

    private static void append(StringBuilder out, long start, long end) {
        if (out.length() > 0) {
            out.append(',');
        }
        out.append(start);
        if (end != start) {
            out.append(':').append(end);
        }
    }
}
