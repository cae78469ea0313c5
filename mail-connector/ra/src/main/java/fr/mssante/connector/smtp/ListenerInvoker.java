package fr.mssante.connector.smtp;

import fr.mssante.connector.api.smtp.SmtpListener;
import fr.mssante.connector.api.smtp.SmtpReply;

import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Runs one call to the application's {@link SmtpListener} away from the network event loop, which
 * must never block on a database or a transaction.
 *
 * <p>The returned stage always completes normally: a failure of the call, of the listener or of the
 * worker pool is turned into a 451 reply, so that the client keeps the message and retries.
 */
@FunctionalInterface
public interface ListenerInvoker {

    CompletionStage<SmtpReply> invoke(Function<SmtpListener, SmtpReply> call);
}
