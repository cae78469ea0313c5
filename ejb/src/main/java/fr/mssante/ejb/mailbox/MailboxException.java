package fr.mssante.ejb.mailbox;

import jakarta.ejb.ApplicationException;

/**
 * A refused mailbox operation, with the reason a user can act on. Application exception: it reaches
 * the caller unwrapped and rolls the transaction back.
 */
@ApplicationException(rollback = true)
public class MailboxException extends RuntimeException {

    /** What kind of refusal, so that callers (REST) can map it to a status. */
    public enum Reason {
        NOT_FOUND, ALREADY_EXISTS, INVALID,
        /** The resource's state forbids it (a domain that still has mailboxes, a closed mailbox suspended). */
        CONFLICT,
        /** An If-Match that no longer names the current version (RFC 7232 section 3.1). */
        PRECONDITION_FAILED
    }

    private final Reason reason;

    public MailboxException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
