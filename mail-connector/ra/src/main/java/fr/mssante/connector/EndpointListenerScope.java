package fr.mssante.connector;

import fr.mssante.connector.api.smtp.SmtpListener;
import fr.mssante.connector.api.smtp.SmtpReply;
import fr.mssante.connector.smtp.ListenerScope;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import java.util.function.Function;

/**
 * One message endpoint per call (Jakarta Connectors chapter 13): created without XAResource, so the
 * message-driven bean runs each method in its own container-managed transaction, committed before the
 * method returns; released in every case so that the bean instance goes back to its pool.
 */
final class EndpointListenerScope implements ListenerScope {

    private final MessageEndpointFactory factory;

    EndpointListenerScope(MessageEndpointFactory factory) {
        this.factory = factory;
    }

    @Override
    public SmtpReply call(Function<SmtpListener, SmtpReply> call) throws UnavailableException {
        MessageEndpoint endpoint = factory.createEndpoint(null);
        try {
            return call.apply((SmtpListener) endpoint);
        } finally {
            endpoint.release();
        }
    }
}
