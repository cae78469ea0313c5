package fr.mssante.ejb.relay;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

/**
 * Consumes {@code RelayQueue}: each message names a destination domain with due mail. Not transacted: the
 * message is only a wake-up (the queue itself is in the database, and {@link RelaySweeper} re-sends wake-ups
 * for whatever is due), and an SMTP conversation must not run inside a JTA transaction (ADR 0018).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/RelayQueue"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "8")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RelayBean implements MessageListener {

    @EJB
    private RelayAttempts attempts;

    @Override
    public void onMessage(Message message) {
        try {
            attempts.relay(((TextMessage) message).getText());
        } catch (JMSException e) {
            throw new IllegalStateException("unreadable relay wake-up", e);
        }
    }
}
