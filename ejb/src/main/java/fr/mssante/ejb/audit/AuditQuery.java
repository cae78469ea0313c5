package fr.mssante.ejb.audit;

import java.time.OffsetDateTime;

/**
 * Filters of an audit search; null means "any".
 *
 * @param from    inclusive
 * @param to      exclusive
 * @param actor   exact actor ({@code api:<username>}, {@code imap:<ip>}...)
 * @param mailbox canonical address the event is about
 */
public record AuditQuery(OffsetDateTime from, OffsetDateTime to, String actor, String mailbox, AuditAction type) {
}
