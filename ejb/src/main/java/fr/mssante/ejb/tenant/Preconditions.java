package fr.mssante.ejb.tenant;

import fr.mssante.ejb.mailbox.MailboxException;

/** Conditional updates (RFC 7232 section 3.1): an If-Match naming another version is refused with 412. */
public final class Preconditions {

    private Preconditions() {
    }

    /** @param expected the version the client's If-Match names; null when it sent none (the update proceeds) */
    public static void requireVersion(Long expected, long current, String what) {
        if (expected != null && expected != current) {
            throw new MailboxException(MailboxException.Reason.PRECONDITION_FAILED, what
                    + " changed since you read it (version " + expected + ", now " + current + "): read it again");
        }
    }
}
