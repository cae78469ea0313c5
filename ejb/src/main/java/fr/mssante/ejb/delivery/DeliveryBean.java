package fr.mssante.ejb.delivery;

import fr.mssante.ejb.messaging.WaitingMessages;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Consumes {@code DeliveryQueue}. The message body is the intake message id; the JMS receive and the
 * mailbox writes share one XA transaction, so a failure leaves the request on the queue for a
 * redelivery with backoff (address settings in wildfly-config).
 *
 * <p>Batches (ADR 0034): with its own request, the transaction takes up to {@link DeliveryBatchSize} − 1
 * more waiting requests ({@link WaitingMessages}) and delivers them together. A redelivered request is
 * delivered alone: if a batch failed because of one message, that message must not keep failing the others.
 * A consumer window of 0 keeps this MDB's sessions from buffering requests, so waiting requests stay on the
 * broker where a batch can take them.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/DeliveryQueue"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "8"),
        @ActivationConfigProperty(propertyName = "consumerWindowSize", propertyValue = "0")
})
public class DeliveryBean implements MessageListener {

    @EJB
    private DeliveryService delivery;

    @EJB
    private WaitingMessages waiting;

    @EJB
    private DeliveryBatchSize batchSize;

    @Resource(lookup = "java:/jms/queue/DeliveryQueue")
    private Queue queue;

    @Override
    public void onMessage(Message message) {
        List<UUID> batch = new ArrayList<>();
        try {
            batch.add(intakeIdOf(message));
        } catch (JMSException e) {
            throw new IllegalStateException("unreadable delivery request", e);
        }
        if (!WaitingMessages.redelivered(message)) {
            batch.addAll(waiting.take(queue, batchSize.value() - 1, DeliveryBean::intakeIdOf));
        }
        delivery.deliver(batch);
    }

    private static UUID intakeIdOf(Message request) throws JMSException {
        return UUID.fromString(((TextMessage) request).getText());
    }
}
