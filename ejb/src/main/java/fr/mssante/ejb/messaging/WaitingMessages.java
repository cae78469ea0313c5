package fr.mssante.ejb.messaging;

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

import java.util.ArrayList;
import java.util.List;

/**
 * Takes more waiting messages off a queue inside the caller's (an MDB's) XA transaction, so that one
 * transaction handles a batch (ADR 0034): the delivery and audit MDBs. A message received here is
 * acknowledged only if that transaction commits; on a rollback the broker redelivers it like the MDB's own.
 *
 * <p>The connection factory {@code java:/jms/BatchReceiveXA} has a consumer window of 0 (wildfly-config
 * 20-messaging.cli): a consumer with a window would be sent a buffer of messages it then gives back on
 * close; with 0 each receive takes exactly one message from the broker, none otherwise.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class WaitingMessages {

    /** Reads what the batch needs from a message while its consumer is open. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(Message message) throws JMSException;
    }

    @Resource(lookup = "java:/jms/BatchReceiveXA")
    private ConnectionFactory factory;

    /** Up to {@code max} messages waiting on {@code queue} now, read by {@code reader}; never waits for more. */
    public <T> List<T> take(Queue queue, int max, Reader<T> reader) {
        List<T> taken = new ArrayList<>();
        if (max <= 0) {
            return taken;
        }
        try (JMSContext jms = factory.createContext(); JMSConsumer consumer = jms.createConsumer(queue)) {
            while (taken.size() < max) {
                Message message = consumer.receiveNoWait();
                if (message == null) {
                    break;
                }
                taken.add(reader.read(message));
            }
        } catch (JMSException e) {
            throw new IllegalStateException("unreadable message on " + queue, e);
        }
        return taken;
    }

    /** Whether the broker delivered this message before: such a message is handled alone, not in a batch. */
    public static boolean redelivered(Message message) {
        try {
            return message.getJMSRedelivered();
        } catch (JMSException e) {
            return true; // unknown: the safe answer is alone
        }
    }
}
