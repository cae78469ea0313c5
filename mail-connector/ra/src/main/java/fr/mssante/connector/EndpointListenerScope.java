package fr.mssante.connector;

import fr.mssante.connector.server.ListenerScope;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import java.util.function.Function;

/**
 * One message endpoint per call (Jakarta Connectors chapter 13): created without XAResource, so the
 * message-driven bean runs each method in its own container-managed transaction, committed before the
 * method returns; released in every case so that the bean instance goes back to its pool.
 *
 * @param <L> the message listener interface the endpoint implements
 * @param <R> what the calls return
 */
final class EndpointListenerScope<L, R> implements ListenerScope<L, R> {

    private final MessageEndpointFactory factory;
    private final Class<L> listenerType;

    EndpointListenerScope(MessageEndpointFactory factory, Class<L> listenerType) {
        this.factory = factory;
        this.listenerType = listenerType;
    }

    @Override
    public R call(Function<L, R> call) throws UnavailableException {
        MessageEndpoint endpoint = factory.createEndpoint(null);
        try {
            return call.apply(listenerType.cast(endpoint));
        } finally {
            endpoint.release();
        }
    }
}
