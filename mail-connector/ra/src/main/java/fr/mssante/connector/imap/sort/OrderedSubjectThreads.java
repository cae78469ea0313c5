package fr.mssante.connector.imap.sort;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * THREAD=ORDEREDSUBJECT (RFC 5256 section 3): messages sorted by base subject then sent date are split
 * into one thread per base subject; the first message of each is the top, the others are its children
 * in that order; threads are ordered by the sent date of their first message. Ties go to the lower
 * message number (section 2.2).
 */
public final class OrderedSubjectThreads {

    /**
     * A message to thread.
     *
     * @param number      what the client calls it (sequence number or UID)
     * @param sent        its sent date (RFC 5256 section 2.2)
     * @param baseSubject its base subject in the comparison form (i;ascii-casemap)
     */
    public record Message(long number, Instant sent, String baseSubject) {
    }

    private static final Comparator<Message> BY_SENT_DATE =
            Comparator.comparing(Message::sent).thenComparingLong(Message::number);

    private OrderedSubjectThreads() {
    }

    public static List<ThreadNode> of(List<Message> messages) {
        List<Message> sorted = new ArrayList<>(messages);
        sorted.sort(Comparator.comparing(Message::baseSubject).thenComparing(BY_SENT_DATE));
        Map<String, List<Message>> bySubject = new LinkedHashMap<>();
        sorted.forEach(message -> bySubject.computeIfAbsent(message.baseSubject(), s -> new ArrayList<>()).add(message));
        List<List<Message>> threads = new ArrayList<>(bySubject.values());
        threads.sort((a, b) -> BY_SENT_DATE.compare(a.get(0), b.get(0)));
        List<ThreadNode> result = new ArrayList<>(threads.size());
        for (List<Message> thread : threads) {
            List<ThreadNode> children = thread.subList(1, thread.size()).stream()
                    .map(message -> new ThreadNode(message.number(), List.of())).toList();
            result.add(new ThreadNode(thread.get(0).number(), children));
        }
        return result;
    }
}
