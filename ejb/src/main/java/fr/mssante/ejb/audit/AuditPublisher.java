package fr.mssante.ejb.audit;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Queue;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Emits audit events on {@code AuditQueue}, in the caller's transaction: an event is recorded if and
 * only if what it describes committed.
 */
@Stateless
public class AuditPublisher {

    /** Number of events in a message; event {@code i}'s fields are named {@code field.i}. */
    private static final String COUNT = "count";

    @Inject
    private JMSContext jms;

    @Resource(lookup = "java:/jms/queue/AuditQueue")
    private Queue auditQueue;

    public void publish(AuditAction action, String actor, UUID tenantId, String queueId, String messageId,
                        List<String> recipients, String outcome, String details) {
        publishAll(List.of(new AuditRecord(OffsetDateTime.now(), tenantId, actor, action, queueId, messageId,
                recipients, outcome, details)));
    }

    /**
     * Several events in one JMS message, appended to the trail in one transaction ({@link AuditBean}): a
     * delivery batch audits every recipient of every message without one send and one trail transaction
     * per event (ADR 0034). The events keep their order in the chain.
     */
    public void publishAll(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        MapMessage m = jms.createMapMessage();
        try {
            encodeAll(records, m);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot build audit message", e);
        }
        jms.createProducer().send(auditQueue, m);
    }

    static void encodeAll(List<AuditRecord> records, MapMessage m) throws JMSException {
        m.setInt(COUNT, records.size());
        for (int i = 0; i < records.size(); i++) {
            encode(records.get(i), m, "." + i);
        }
    }

    private static void encode(AuditRecord r, MapMessage m, String suffix) throws JMSException {
        m.setString("occurredAt" + suffix, r.occurredAt().toString());
        m.setString("tenantId" + suffix, r.tenantId() == null ? null : r.tenantId().toString());
        m.setString("actor" + suffix, r.actor());
        m.setString("action" + suffix, r.action().name());
        m.setString("queueId" + suffix, r.queueId());
        m.setString("messageId" + suffix, r.messageId());
        m.setString("recipients" + suffix, String.join("\n", r.recipients()));
        m.setString("outcome" + suffix, r.outcome());
        m.setString("details" + suffix, r.details());
    }

    /**
     * The events of a message; one written before batches (no count, unsuffixed names) may still be waiting
     * in a broker's journal after an upgrade, hence the second form.
     */
    static List<AuditRecord> decodeAll(MapMessage m) throws JMSException {
        if (!m.itemExists(COUNT)) {
            return List.of(decode(m, ""));
        }
        int count = m.getInt(COUNT);
        List<AuditRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(decode(m, "." + i));
        }
        return records;
    }

    private static AuditRecord decode(MapMessage m, String suffix) throws JMSException {
        String tenant = m.getString("tenantId" + suffix);
        String recipients = m.getString("recipients" + suffix);
        return new AuditRecord(OffsetDateTime.parse(m.getString("occurredAt" + suffix)),
                tenant == null ? null : UUID.fromString(tenant), m.getString("actor" + suffix),
                AuditAction.valueOf(m.getString("action" + suffix)), m.getString("queueId" + suffix),
                m.getString("messageId" + suffix),
                recipients == null || recipients.isEmpty() ? List.of() : List.of(recipients.split("\n")),
                m.getString("outcome" + suffix), m.getString("details" + suffix));
    }
}
