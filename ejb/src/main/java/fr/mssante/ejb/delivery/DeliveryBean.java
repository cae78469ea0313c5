package fr.mssante.ejb.delivery;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

import java.util.UUID;

/**
 * Consumes {@code DeliveryQueue}. The message body is the intake message id; the JMS receive and the
 * mailbox writes share one XA transaction, so a failure leaves the request on the queue for a
 * redelivery with backoff (address settings in wildfly-config).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/DeliveryQueue"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "8")
})
public class DeliveryBean implements MessageListener {

    @EJB
    private DeliveryService delivery;

    @Override
    public void onMessage(Message message) {
        try {
            delivery.deliver(UUID.fromString(((TextMessage) message).getText()));
        } catch (JMSException e) {
            throw new IllegalStateException("unreadable delivery request", e);
        }
    }
}
