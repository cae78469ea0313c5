package fr.mssante.ejb.trace;

import java.time.OffsetDateTime;
import java.util.List;

/** The timeline of one accepted message, in time order. */
public record MessageTrace(String queueId, String messageId, String sender, List<String> recipients,
                           OffsetDateTime receivedAt, List<TraceEvent> events) {

    public MessageTrace {
        recipients = List.copyOf(recipients);
        events = List.copyOf(events);
    }
}
