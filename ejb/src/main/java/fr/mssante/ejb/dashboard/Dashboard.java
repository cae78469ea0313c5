package fr.mssante.ejb.dashboard;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The figures of the administration home page.
 *
 * @param mailboxesByType   PER, ORG, APP, each present (0 when none)
 * @param mailboxesByStatus ACTIVE, SUSPENDED, CLOSED, each present
 * @param messagesPerDay    the last 30 days (UTC), oldest first, today included
 * @param authFailures24h   rejected or locked-out mail-client authentications in the last 24 hours
 */
public record Dashboard(Map<String, Long> mailboxesByType, Map<String, Long> mailboxesByStatus,
                        List<Day> messagesPerDay, Queue queue, long authFailures24h) {

    /**
     * @param received copies delivered into the scope's mailboxes that day
     * @param sent     messages submitted (authenticated submission) from the scope's mailboxes that day
     */
    public record Day(LocalDate day, long received, long sent) {
    }

    /**
     * Accepted messages not delivered yet.
     *
     * @param oldestAgeSeconds age of the oldest, 0 when the queue is empty
     */
    public record Queue(long depth, long oldestAgeSeconds) {
    }
}
