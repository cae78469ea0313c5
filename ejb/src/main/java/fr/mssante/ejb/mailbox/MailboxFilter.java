package fr.mssante.ejb.mailbox;

/**
 * Filters of the mailbox listing; null means "any".
 *
 * @param q             part of the address or display name, case-insensitive
 * @param domain        canonical domain name
 * @param establishment FINESS; the API sets it to a tenant administrator's own
 */
public record MailboxFilter(String q, MailboxType type, MailboxStatus status, String domain, String establishment) {
}
