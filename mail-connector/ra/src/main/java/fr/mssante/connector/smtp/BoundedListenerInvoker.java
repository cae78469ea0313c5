package fr.mssante.connector.smtp;

import fr.mssante.connector.api.smtp.SmtpListener;
import fr.mssante.connector.api.smtp.SmtpReply;
import fr.mssante.connector.server.ListenerScope;

import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bounded worker pool of {@link fr.mssante.connector.server.BoundedListenerInvoker} with the SMTP
 * answers.
 *
 * <p>Saturation (every worker busy and the bounded wait queue full) is answered at once with
 * {@link SmtpReplies#BUSY} ({@code 451 4.3.0}). A 451 keeps the
 * session and its state consistent (the recipient is simply not added, or the message is not accepted)
 * and every SMTP client retries it later; the alternative, 421 and disconnection, would throw away the
 * rest of a pipelined batch for a condition that usually lasts milliseconds.
 *
 * <p>Every exception or error thrown by the listener becomes {@link SmtpReplies#LOCAL_ERROR}
 * ({@code 451 4.3.0}): the client keeps the message and tries again, so accepted mail is never lost.
 */
public final class BoundedListenerInvoker
        extends fr.mssante.connector.server.BoundedListenerInvoker<SmtpListener, SmtpReply>
        implements ListenerInvoker {

    private static final Logger LOG = Logger.getLogger(BoundedListenerInvoker.class.getName());

    public BoundedListenerInvoker(Executor workers, int maxConcurrentCalls, ListenerScope<SmtpListener, SmtpReply> scope) {
        super(workers, maxConcurrentCalls, scope, SmtpOutcomes.INSTANCE);
    }

    public BoundedListenerInvoker(Executor workers, int maxConcurrentCalls, Queueing queueing,
                                  ListenerScope<SmtpListener, SmtpReply> scope) {
        super(workers, maxConcurrentCalls, queueing, scope, SmtpOutcomes.INSTANCE);
    }

    private enum SmtpOutcomes implements Outcomes<SmtpReply> {
        INSTANCE;

        @Override
        public SmtpReply busy() {
            return SmtpReplies.BUSY;
        }

        @Override
        public SmtpReply failed(Throwable cause) {
            LOG.log(Level.WARNING, "Listener call failed; answering " + SmtpReplies.LOCAL_ERROR, cause);
            return SmtpReplies.LOCAL_ERROR;
        }

        @Override
        public SmtpReply accepted(SmtpReply reply) {
            return finalReply(reply);
        }
    }

    /** The listener contract allows a final answer only: no reply at all or an intermediate 3xx is a bug. */
    static SmtpReply finalReply(SmtpReply reply) {
        if (reply == null || (reply.code() >= 300 && reply.code() < 400)) {
            LOG.warning("Listener returned an invalid reply " + reply + "; answering " + SmtpReplies.LOCAL_ERROR);
            return SmtpReplies.LOCAL_ERROR;
        }
        return reply;
    }
}
