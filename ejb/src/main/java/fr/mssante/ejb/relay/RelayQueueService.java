package fr.mssante.ejb.relay;

import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.RecipientDsn;
import fr.mssante.ejb.intake.IntakeMessage;
import fr.mssante.ejb.tenant.ScopeContext;
import fr.mssante.ejb.tenant.TenantLookups;
import fr.mssante.ejb.tenant.TenantScope;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Puts the recipients of an accepted message that live at other operators on the relay queue: one
 * {@link RelayMessage} per destination domain with its {@link RelayRecipient}s, due at once, and a wake-up
 * on {@code RelayQueue} for the relay worker, all in the caller's (delivery) transaction. The rows are the
 * queue; the JMS message only says "look now" (the {@link RelaySweeper} finds anything a lost wake-up left).
 *
 * <p>Writes in the system scope "relay" (ADR 0011, 0018): the sender's establishment owns the rows, and a
 * message from no establishment (a bounce with {@code <>}) belongs to none.
 */
@Stateless
public class RelayQueueService {

    /** The JMS body of a wake-up is the destination domain; this property carries the intake queue id. */
    public static final String QUEUE_ID_PROPERTY = "queueId";
    static final TenantScope SCOPE = TenantScope.system("relay");

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    @EJB
    private TenantLookups lookups;

    @EJB
    private RelayQueueService self;

    @Inject
    private JMSContext jms;

    @Resource(lookup = "java:/jms/queue/RelayQueue")
    private Queue relayQueue;

    /**
     * Queues {@code recipients} of {@code intake} (all in domains not hosted here) for relay. Idempotent: a
     * destination domain already queued for this intake message is left as it is, so a redelivered delivery
     * request never sends twice.
     */
    public void enqueue(IntakeMessage intake, List<String> recipients) {
        if (recipients.isEmpty()) {
            return;
        }
        UUID senderTenant = intake.getReversePath() == null ? null
                : lookups.tenantOfDomain(MailAddress.parse(intake.getReversePath()).domain()).orElse(null);
        Map<String, List<String>> byDomain = recipients.stream().collect(Collectors.groupingBy(
                r -> MailAddress.parse(r).domain(), LinkedHashMap::new, Collectors.toList()));
        ScopeContext.run(SCOPE, () -> byDomain.forEach((domain, domainRecipients) ->
                self.enqueueDomain(intake, domain, domainRecipients, senderTenant)));
    }

    /** Through {@code self} so that the relay scope is applied before the first query. */
    public void enqueueDomain(IntakeMessage intake, String domain, List<String> recipients, UUID senderTenant) {
        boolean queued = !em.createNativeQuery("SELECT 1 FROM relay_message WHERE intake_message_id = ?1 AND domain = ?2")
                .setParameter(1, intake.getId()).setParameter(2, domain).getResultList().isEmpty();
        if (queued) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now();
        var dsn = intake.getDsn();
        RelayMessage message = new RelayMessage(intake.getId(), domain, intake.getQueueId(), intake.getReversePath(),
                intake.getBlobSha256(), intake.getSize(), dsn.ret().map(Enum::name).orElse(null),
                dsn.envid().orElse(null), intake.getReceivedAt(), senderTenant, now);
        em.persist(message);
        for (String address : recipients) {
            RecipientDsn rd = intake.dsnOf(address);
            String notify = rd.notifyOn().isEmpty() ? null
                    : rd.notifyOn().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
            em.persist(new RelayRecipient(message, address, rd.orcpt().orElse(null), notify, now));
        }
        wake(domain, intake.getQueueId());
    }

    /** Asks a relay worker to look at {@code domain} now, in the caller's transaction; {@code queueId} may be null. */
    public void wake(String domain, String queueId) {
        var producer = jms.createProducer();
        if (queueId != null) {
            producer.setProperty(QUEUE_ID_PROPERTY, queueId);
        }
        producer.send(relayQueue, domain);
    }
}
