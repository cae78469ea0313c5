package fr.mssante.ejb.intake;

import fr.mssante.ejb.metrics.MailFlowMeters;
import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.MessageContent;
import fr.mssante.connector.api.smtp.SmtpEnvelope;
import fr.mssante.connector.api.smtp.SmtpMessage;
import fr.mssante.connector.api.smtp.SmtpReply;
import fr.mssante.ejb.audit.AuditAction;
import fr.mssante.ejb.audit.AuditPublisher;
import fr.mssante.ejb.audit.AuditRecord;
import fr.mssante.ejb.cluster.ClusterNode;
import fr.mssante.ejb.mailbox.BlobStore;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Takes responsibility for a message received over SMTP: stores the raw bytes (with our Received
 * header) and the envelope, and asks for delivery on {@code DeliveryQueue}, all in the caller's JTA
 * transaction. The 250 reply is sent only after that transaction has committed.
 */
@Stateless
public class IntakeService {

    /** JMS property / body of a delivery request: the intake message id. */
    public static final String QUEUE_ID_PROPERTY = "queueId";

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    @EJB
    private BlobStore blobs;

    @EJB
    private AuditPublisher audit;

    @EJB
    private ClusterNode node;

    @Inject
    private JMSContext jms;

    @Inject
    private MailFlowMeters meters;

    @Resource(lookup = "java:/jms/queue/DeliveryQueue")
    private Queue deliveryQueue;

    public SmtpReply accept(SmtpEnvelope envelope, MessageContent content) {
        return acceptAll(List.of(new SmtpMessage(envelope, content))).get(0);
    }

    /**
     * Takes responsibility for several messages in the caller's one transaction (group commit, ADR 0037):
     * one commit, one audit publish for all of them. An exception leaves the whole transaction to roll back;
     * the adapter then offers each message alone.
     *
     * @return one 250 per message, in order
     */
    public List<SmtpReply> acceptAll(List<SmtpMessage> messages) {
        List<AuditRecord> accepted = new ArrayList<>(messages.size());
        List<SmtpReply> replies = new ArrayList<>(messages.size());
        for (SmtpMessage received : messages) {
            SmtpEnvelope envelope = received.envelope();
            IntakeMessage message = enqueue(envelope, received.content());
            accepted.add(new AuditRecord(OffsetDateTime.now(), null, "smtp:" + envelope.session().clientAddress(),
                    AuditAction.SMTP_ACCEPTED, message.getQueueId(), null, message.getRecipients(), "OK",
                    "from=<" + (message.getReversePath() == null ? "" : message.getReversePath()) + "> size="
                            + message.getSize() + " service=" + envelope.session().service()));
            replies.add(SmtpReply.of(250, "2.0.0", "Ok: queued as " + message.getQueueId()));
        }
        audit.publishAll(accepted);
        // Counted after the commit only (MailFlowMeters): a rolled back group is offered again message by message.
        messages.forEach(message -> meters.accepted(message.envelope().session().service()));
        return replies;
    }

    /**
     * Takes responsibility for a message without replying to anyone: stores the bytes with our Received
     * header, persists the envelope and asks for delivery, in the caller's transaction. The one way into
     * the pipeline, for SMTP ({@link #accept}) and for messages the platform writes itself (delivery
     * status notifications), which audit it in their own terms.
     */
    public IntakeMessage enqueue(SmtpEnvelope envelope, MessageContent content) {
        String queueId = QueueIds.next();
        ZonedDateTime now = ZonedDateTime.now(ZoneId.systemDefault());
        byte[] received = ReceivedHeader.render(envelope, serverName(), queueId, now);
        long size = received.length + content.size();
        String sha256 = blobs.store(() -> withHeader(received, content), size);

        IntakeMessage message = new IntakeMessage(queueId, now.toOffsetDateTime(), envelope.session(),
                envelope.reversePath().map(MailAddress::address).orElse(null),
                envelope.recipients().stream().map(MailAddress::address).toList(), sha256, size);
        message.setDsn(envelope.dsn());
        // The request goes to this node's broker: if this node dies, the others take it over (ADR 0024).
        message.queuedOn(node.incarnation());
        em.persist(message);

        requestDelivery(message.getId(), queueId);
        return message;
    }

    /** Puts a delivery request for the intake message on DeliveryQueue, in the caller's transaction. */
    public void requestDelivery(UUID intakeMessageId, String queueId) {
        jms.createProducer()
                .setProperty(QUEUE_ID_PROPERTY, queueId)
                .send(deliveryQueue, intakeMessageId.toString());
    }

    private static InputStream withHeader(byte[] header, MessageContent content) {
        try {
            return new SequenceInputStream(new ByteArrayInputStream(header), content.openStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String serverName() {
        return System.getProperty("mssante.hostname", "localhost");
    }
}
