package fr.mssante.ejb.mailbox;

/** Life cycle of a mailbox; only ACTIVE mailboxes receive mail. */
public enum MailboxStatus {
    ACTIVE, SUSPENDED, CLOSED
}
