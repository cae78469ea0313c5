package fr.mssante.ejb.audit;

import fr.mssante.ejb.messaging.WaitingMessages;
import fr.mssante.ejb.tenant.ScopeContext;
import fr.mssante.ejb.tenant.TenantScope;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes the events of {@code AuditQueue} to the audit trail; a failure is redelivered by the broker.
 * SYSTEM scope: the hash chain runs through the events of every establishment, so appending one needs
 * the latest row whoever it belongs to, and the event's own tenant (or none, for a failed login to an
 * unknown account) decides the row's tenant_id, not a caller.
 *
 * <p>Appends are serialised by the chain lock anyway, so one transaction takes up to {@link #BATCH} waiting
 * messages with its own ({@link WaitingMessages}, ADR 0034) and appends all their events under one lock and
 * one commit; a redelivered message is appended alone. Consumer window 0: waiting messages stay on the broker
 * for a batch to take, rather than in the buffers of sessions that would only queue on the chain lock.
 *
 * <p>One session (ADR 0039): the broker runs every MDB's {@code onMessage} on one shared client thread pool
 * (8 threads per core). With the resource adapter's default of 15 sessions, up to 15 audit messages at a
 * time took a thread each only to wait for one of the 8 pooled bean instances or for the chain lock, and
 * delivery requests waited behind them for a thread. Appends being serialised anyway, the one session
 * loses no throughput: what arrives while it appends is taken by its next batch.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/AuditQueue"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "consumerWindowSize", propertyValue = "0")
})
public class AuditBean implements MessageListener {

    /** Messages per audit transaction at most: bounds the chain lock's hold time. */
    static final int BATCH = 64;

    @EJB
    private AuditTrail trail;

    @EJB
    private WaitingMessages waiting;

    @Resource(lookup = "java:/jms/queue/AuditQueue")
    private Queue queue;

    @Override
    public void onMessage(Message message) {
        List<AuditRecord> records;
        try {
            records = new ArrayList<>(AuditPublisher.decodeAll((MapMessage) message));
        } catch (JMSException e) {
            throw new IllegalStateException("unreadable audit message", e);
        }
        if (!WaitingMessages.redelivered(message)) {
            waiting.take(queue, BATCH - 1, m -> AuditPublisher.decodeAll((MapMessage) m)).forEach(records::addAll);
        }
        ScopeContext.run(TenantScope.system("audit hash chain"), () -> trail.appendAll(records));
    }
}
