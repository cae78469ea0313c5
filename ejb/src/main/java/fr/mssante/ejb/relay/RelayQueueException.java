package fr.mssante.ejb.relay;

import jakarta.ejb.ApplicationException;

/**
 * A refused administration of the relay queue, with the reason an administrator can act on. Application
 * exception: it reaches the caller unwrapped and rolls the transaction back.
 */
@ApplicationException(rollback = true)
public class RelayQueueException extends RuntimeException {

    public enum Reason {
        /** No such entry, or one of another establishment: the same answer (ADR 0014). */
        NOT_FOUND,
        /** Nothing of the entry is queued any more: there is nothing to retry, bounce or delete. */
        CONFLICT
    }

    private final Reason reason;

    public RelayQueueException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
