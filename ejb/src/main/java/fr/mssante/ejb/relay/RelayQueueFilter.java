package fr.mssante.ejb.relay;

import java.time.Duration;
import java.util.Set;

/**
 * What an administrator looks for in the relay queue; null or empty members do not filter.
 *
 * @param statuses  messages with at least one recipient in one of these statuses ({@code FAILED, EXPIRED}:
 *                  the dead letters); empty for every status
 * @param domain    destination domain, canonical (lower-case A-label)
 * @param sender    reverse-path, canonical (lower case)
 * @param recipient one of the recipients, canonical (lower case)
 * @param olderThan accepted at least this long ago
 */
public record RelayQueueFilter(Set<RelayRecipient.Status> statuses, String domain, String sender, String recipient,
                               Duration olderThan) {

    public RelayQueueFilter {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    }
}
