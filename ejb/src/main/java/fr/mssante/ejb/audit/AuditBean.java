package fr.mssante.ejb.audit;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** Writes the events of {@code AuditQueue} to the audit trail; a failure is redelivered by the broker. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/AuditQueue"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
})
public class AuditBean implements MessageListener {

    @EJB
    private AuditTrail trail;

    @Override
    public void onMessage(Message message) {
        try {
            trail.append(AuditPublisher.decode((MapMessage) message));
        } catch (JMSException e) {
            throw new IllegalStateException("unreadable audit message", e);
        }
    }
}
