package fr.mssante.connector.server;

import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Runs one call to the application's message listener away from the network event loop, which must
 * never block on a database or a transaction.
 *
 * <p>The returned stage always completes normally: a failure of the call, of the listener or of the
 * worker pool is turned into a protocol answer by the implementation.
 *
 * @param <L> the message listener interface
 * @param <R> what the calls return
 */
@FunctionalInterface
public interface ListenerInvoker<L, R> {

    CompletionStage<R> invoke(Function<L, R> call);
}
