package fr.mssante.connector.server;

import java.util.function.Function;

/**
 * Provides a listener instance of type {@code L} for the duration of one call. In the container this
 * creates and releases a JCA message endpoint around the call; in tests it simply hands over a fake.
 *
 * @param <L> the message listener interface (SMTP, IMAP...)
 * @param <R> what the calls of one protocol engine return
 */
@FunctionalInterface
public interface ListenerScope<L, R> {

    /** Runs {@code call} with a listener; any exception is reported as a failure by the invoker. */
    R call(Function<L, R> call) throws Exception;
}
