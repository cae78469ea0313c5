package fr.mssante.ejb.audit;

import fr.mssante.ejb.tenant.ScopeContext;
import fr.mssante.ejb.tenant.TenantScope;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import java.util.List;

/**
 * Writes the events of {@code AuditQueue} to the audit trail; a failure is redelivered by the broker.
 * SYSTEM scope: the hash chain runs through the events of every establishment, so appending one needs
 * the latest row whoever it belongs to, and the event's own tenant (or none, for a failed login to an
 * unknown account) decides the row's tenant_id, not a caller.
 */
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
            List<AuditRecord> records = AuditPublisher.decodeAll((MapMessage) message);
            ScopeContext.run(TenantScope.system("audit hash chain"), () -> trail.appendAll(records));
        } catch (JMSException e) {
            throw new IllegalStateException("unreadable audit message", e);
        }
    }
}
