package fr.mssante.connector.smtp;

import fr.mssante.connector.api.smtp.SmtpListener;
import fr.mssante.connector.api.smtp.SmtpReply;

/**
 * Runs one call to the application's {@link SmtpListener} away from the network event loop.
 *
 * <p>The returned stage always completes normally: a failure of the call, of the listener or of the
 * worker pool is turned into a 451 reply, so that the client keeps the message and retries.
 */
@FunctionalInterface
public interface ListenerInvoker extends fr.mssante.connector.server.ListenerInvoker<SmtpListener, SmtpReply> {
}
