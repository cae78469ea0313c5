package fr.mssante.ejb.trace;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One step of a message's life, from stored facts only (never content).
 *
 * @param details the facts of this step, e.g. {@code clientAddress}, {@code tls} for ACCEPTED,
 *                {@code mailbox}, {@code folder}, {@code uid} for DELIVERED and READ
 */
public record TraceEvent(OffsetDateTime at, Type type, Map<String, Object> details) {

    public enum Type { ACCEPTED, QUEUED, DELIVERED, READ }

    public TraceEvent {
        details = Map.copyOf(details);
    }
}
