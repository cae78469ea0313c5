package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.imap.ImapFailure;
import fr.mssante.connector.server.BoundedListenerInvoker;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How IMAP answers listener calls that did not return normally, per the {@code ImapListener} contract:
 * an {@link ImapFailure} is the listener's refusal ({@code NO [code] message}); anything else, and a
 * saturated worker pool, is {@code NO [UNAVAILABLE]} (RFC 5530) and the session stays usable.
 *
 * <p>The container may wrap the {@link ImapFailure} thrown by a message-driven bean (in an
 * {@code EJBException} when it is not declared an application exception): the cause chain is searched.
 */
public enum ImapCallOutcomes implements BoundedListenerInvoker.Outcomes<CallOutcome> {
    INSTANCE;

    private static final Logger LOG = Logger.getLogger(ImapCallOutcomes.class.getName());

    static final CallOutcome.Refused BUSY = new CallOutcome.Refused("UNAVAILABLE", "Server busy, try again later");
    static final CallOutcome.Refused FAILURE =
            new CallOutcome.Refused("UNAVAILABLE", "Temporary failure, try again later");

    @Override
    public CallOutcome busy() {
        return BUSY;
    }

    @Override
    public CallOutcome failed(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ImapFailure failure) {
                return new CallOutcome.Refused(failure.code() == null ? "CANNOT" : failure.code(),
                        failure.getMessage() == null ? "Refused" : failure.getMessage());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        LOG.log(Level.WARNING, "IMAP listener call failed; answering NO [UNAVAILABLE]", cause);
        return FAILURE;
    }

    @Override
    public CallOutcome accepted(CallOutcome result) {
        return result == null ? FAILURE : result;
    }
}
