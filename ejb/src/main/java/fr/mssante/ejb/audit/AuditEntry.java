package fr.mssante.ejb.audit;

import java.time.OffsetDateTime;

/**
 * One audit event as the admin API shows it.
 *
 * @param mailbox the mailbox it is about (credential changes, authentications, deliveries), null when none
 */
public record AuditEntry(long id, OffsetDateTime occurredAt, AuditAction type, String actor, String mailbox,
                         String details) {
}
