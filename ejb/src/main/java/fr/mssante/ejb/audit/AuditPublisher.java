package fr.mssante.ejb.audit;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Queue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Emits audit events on {@code AuditQueue}, in the caller's transaction: an event is recorded if and
 * only if what it describes committed.
 */
@Stateless
public class AuditPublisher {

    @Inject
    private JMSContext jms;

    @Resource(lookup = "java:/jms/queue/AuditQueue")
    private Queue auditQueue;

    public void publish(AuditAction action, String actor, UUID tenantId, String queueId, String messageId,
                        List<String> recipients, String outcome, String details) {
        MapMessage m = jms.createMapMessage();
        try {
            m.setString("occurredAt", OffsetDateTime.now().toString());
            m.setString("tenantId", tenantId == null ? null : tenantId.toString());
            m.setString("actor", actor);
            m.setString("action", action.name());
            m.setString("queueId", queueId);
            m.setString("messageId", messageId);
            m.setString("recipients", String.join("\n", recipients));
            m.setString("outcome", outcome);
            m.setString("details", details);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot build audit message", e);
        }
        jms.createProducer().send(auditQueue, m);
    }

    static AuditRecord decode(MapMessage m) throws JMSException {
        String tenant = m.getString("tenantId");
        String recipients = m.getString("recipients");
        return new AuditRecord(OffsetDateTime.parse(m.getString("occurredAt")),
                tenant == null ? null : UUID.fromString(tenant), m.getString("actor"),
                AuditAction.valueOf(m.getString("action")), m.getString("queueId"), m.getString("messageId"),
                recipients == null || recipients.isEmpty() ? List.of() : List.of(recipients.split("\n")),
                m.getString("outcome"), m.getString("details"));
    }
}
