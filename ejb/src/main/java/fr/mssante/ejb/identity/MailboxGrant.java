package fr.mssante.ejb.identity;

import fr.mssante.ejb.mailbox.MailboxType;

/**
 * A mailbox a professional may use, and why.
 *
 * @param access {@code OWNER} for their own (PER) mailbox, {@code DELEGATE} for one delegated to them
 */
public record MailboxGrant(String address, MailboxType type, String displayName, Access access) {

    public enum Access { OWNER, DELEGATE }
}
