package fr.mssante.ejb.trace;

import java.time.OffsetDateTime;

/** Filters of a message trace; null means "any". Addresses are canonical. */
public record TraceQuery(String messageId, String queueId, String sender, String recipient, OffsetDateTime from,
                         OffsetDateTime to, int limit) {
}
