package fr.mssante.ejb.audit;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * An audit event in transit from the code that observed it to the audit trail.
 *
 * @param actor who did it: {@code smtp:<client ip>}, {@code system:delivery}, a user id later
 */
public record AuditRecord(OffsetDateTime occurredAt, UUID tenantId, String actor, AuditAction action,
                          String queueId, String messageId, List<String> recipients, String outcome,
                          String details) {

    public AuditRecord {
        // occurred_at is a timestamptz, which keeps microseconds: hashing finer digits than the column
        // stores would make the chain impossible to verify from the table.
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
        recipients = List.copyOf(recipients);
    }

    /** Unambiguous serialisation that the hash chain covers (length-prefixed fields). */
    byte[] canonicalBytes() {
        StringBuilder b = new StringBuilder();
        for (Object field : new Object[]{occurredAt.toInstant(), tenantId, actor, action, queueId, messageId,
                String.join(",", recipients), outcome, details}) {
            String s = field == null ? "" : field.toString();
            b.append(s.length()).append(':').append(s).append(';');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
