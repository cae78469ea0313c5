package fr.mssante.ejb.identity;

import fr.mssante.ejb.mailbox.MailboxType;

import java.util.Set;

/**
 * A mailbox a professional may use, and why.
 *
 * @param access {@code OWNER} for their own (PER) mailbox, {@code DELEGATE} for one delegated to them
 * @param rights what they may do with it: everything for the owner, the delegation's rights otherwise
 */
public record MailboxGrant(String address, MailboxType type, String displayName, Access access,
                           Set<DelegationRight> rights) {

    public enum Access { OWNER, DELEGATE }

    public MailboxGrant {
        rights = Set.copyOf(rights);
    }

    public boolean may(DelegationRight right) {
        return rights.contains(right);
    }
}
