package fr.mssante.ejb.delivery;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Takes more waiting requests off {@code DeliveryQueue} inside the caller's (the delivery MDB's) XA
 * transaction, so that one transaction delivers a batch (ADR 0034). A request received here is acknowledged
 * only if that transaction commits; on a rollback the broker redelivers it like the MDB's own request.
 *
 * <p>The connection factory {@code java:/jms/DeliveryBatchXA} has a consumer window of 0 (wildfly-config
 * 20-messaging.cli): a consumer with a window would be sent a buffer of messages it then gives back on
 * close; with 0 each receive takes exactly one message from the broker, none otherwise.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class DeliveryRequests {

    @Resource(lookup = "java:/jms/DeliveryBatchXA")
    private ConnectionFactory factory;

    @Resource(lookup = "java:/jms/queue/DeliveryQueue")
    private Queue queue;

    /** Up to {@code max} intake message ids that are waiting now; never waits for more to arrive. */
    public List<UUID> takeWaiting(int max) {
        List<UUID> ids = new ArrayList<>();
        if (max <= 0) {
            return ids;
        }
        try (JMSContext jms = factory.createContext(); JMSConsumer consumer = jms.createConsumer(queue)) {
            while (ids.size() < max) {
                Message request = consumer.receiveNoWait();
                if (request == null) {
                    break;
                }
                ids.add(idOf(request));
            }
        }
        return ids;
    }

    static UUID idOf(Message request) {
        try {
            return UUID.fromString(((TextMessage) request).getText());
        } catch (JMSException e) {
            throw new IllegalStateException("unreadable delivery request", e);
        }
    }
}
