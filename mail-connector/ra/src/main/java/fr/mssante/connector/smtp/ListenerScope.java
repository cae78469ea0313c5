package fr.mssante.connector.smtp;

import fr.mssante.connector.api.smtp.SmtpListener;
import fr.mssante.connector.api.smtp.SmtpReply;

import java.util.function.Function;

/**
 * Provides a listener instance for the duration of one call. In the container this creates and
 * releases a JCA message endpoint around the call; in tests it simply hands over a fake listener.
 */
@FunctionalInterface
public interface ListenerScope {

    /** Runs {@code call} with a listener; any exception is reported as a temporary failure by the caller. */
    SmtpReply call(Function<SmtpListener, SmtpReply> call) throws Exception;
}
