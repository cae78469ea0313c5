package fr.mssante.connector.smtp;

import fr.mssante.connector.api.smtp.MessageContent;
import fr.mssante.connector.api.smtp.SmtpEnvelope;
import fr.mssante.connector.api.smtp.SmtpListener;
import fr.mssante.connector.api.smtp.SmtpReply;

import java.util.concurrent.CompletionStage;

/**
 * Runs one call to the application's {@link SmtpListener} away from the network event loop.
 *
 * <p>The returned stage always completes normally: a failure of the call, of the listener or of the
 * worker pool is turned into a 451 reply, so that the client keeps the message and retries.
 */
@FunctionalInterface
public interface ListenerInvoker extends fr.mssante.connector.server.ListenerInvoker<SmtpListener, SmtpReply> {

    /**
     * Hands one complete message to the application; the stage completes with the reply to its end of data,
     * after the durable commit (ADR 0002). One {@link SmtpListener#deliver} call by default; {@link GroupCommit}
     * shares one commit between the messages that complete together (ADR 0037).
     */
    default CompletionStage<SmtpReply> deliver(SmtpEnvelope envelope, MessageContent content) {
        return invoke(listener -> listener.deliver(envelope, content));
    }
}
