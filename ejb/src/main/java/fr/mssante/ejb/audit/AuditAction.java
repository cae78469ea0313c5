package fr.mssante.ejb.audit;

/** What happened. */
public enum AuditAction {
    /** A message was accepted over SMTP (250 sent after commit). */
    SMTP_ACCEPTED,
    /** A message was appended to a recipient's INBOX. */
    DELIVERED,
    /** A recipient could not be delivered (e.g. mailbox closed since RCPT). */
    DELIVERY_FAILED,
    /** A mail client authenticated (IMAP or submission); details name the mechanism and address. */
    AUTH_SUCCEEDED,
    /** A mail client's authentication was rejected, or refused while the account or address was locked. */
    AUTH_FAILED
}
