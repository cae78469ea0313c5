package fr.mssante.ejb.relay;

import fr.mssante.ejb.audit.AuditAction;
import fr.mssante.ejb.audit.AuditPublisher;
import fr.mssante.ejb.dsn.RecipientStatus;
import fr.mssante.ejb.paging.Page;
import fr.mssante.ejb.paging.PageRequest;
import fr.mssante.ejb.persistence.SqlConditions;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The relay queue for administrators: listing, details, and the three actions on the recipients still
 * queued: retry now, bounce now (failed, with a failure notice to the sender), delete (dropped without
 * notice). Every action is audited in the sender's establishment.
 *
 * <p>Visibility is PostgreSQL's row-level security in the caller's scope (ADR 0011): an operator
 * administrator sees every entry, an establishment's administrator only those whose sender belongs to their
 * establishment; anything else is not found, exactly like an id that does not exist (ADR 0014). The
 * recipients an action changes are locked first ({@code SELECT ... FOR UPDATE}), so an action and the
 * relay worker's recording of an outcome never interleave on a recipient.
 */
@Stateless
public class RelayQueueAdmin {

    public static final Set<String> SORTABLE = Set.of("receivedAt", "domain");
    public static final String DEFAULT_SORT = "receivedAt,asc";

    /** RFC 3463: 5.0.0, other or undefined status; the notice's text says an administrator removed it. */
    static final String BOUNCE_STATUS = "5.0.0";
    static final String BOUNCE_DIAGNOSTIC = "X-MSSante; removed from the queue by an administrator";

    private static final Map<String, String> SORT_COLUMNS = Map.of("receivedAt", "m.received_at", "domain", "m.domain");

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    @EJB
    private RelayQueueService queue;

    @EJB
    private RelayNode node;

    @EJB
    private RelayNotices notices;

    @EJB
    private AuditPublisher audit;

    public Page<RelayQueueEntry> list(RelayQueueFilter filter, PageRequest page) {
        SqlConditions where = conditions(filter);
        long total = ((Number) where.bind(em.createNativeQuery("SELECT count(*) FROM relay_message m" + where.where()))
                .getSingleResult()).longValue();
        String direction = page.descending() ? " DESC" : " ASC";
        @SuppressWarnings("unchecked")
        List<Object> ids = where.bind(em.createNativeQuery("SELECT m.id FROM relay_message m" + where.where()
                        + " ORDER BY " + SORT_COLUMNS.get(page.sortField()) + direction + ", m.id" + direction))
                .setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        List<UUID> pageIds = ids.stream().map(id -> id instanceof UUID u ? u : UUID.fromString(id.toString())).toList();
        return new Page<>(entries(pageIds), page.page(), page.size(), total);
    }

    /** @throws RelayQueueException NOT_FOUND, also for an entry of another establishment */
    public RelayQueueEntry get(UUID id) {
        RelayMessage message = message(id);
        return RelayQueueEntry.of(message, recipients(List.of(id), LockModeType.NONE));
    }

    /**
     * Makes the queued recipients due now and wakes a relay worker. A recipient a node is attempting right
     * now is left alone: making it due would let another node send it a second time.
     */
    public RelayQueueEntry retry(UUID id, String actor) {
        RelayMessage message = message(id);
        OffsetDateTime now = OffsetDateTime.now();
        List<RelayRecipient> waiting = queued(message).stream().filter(r -> !inFlight(r, now)).toList();
        waiting.forEach(r -> r.deferUntil(now));
        if (!waiting.isEmpty()) {
            queue.wake(message.getDomain(), message.getQueueId());
        }
        audited(AuditAction.RELAY_RETRIED_BY_ADMIN, actor, message, waiting);
        return get(id);
    }

    /**
     * Fails the queued recipients now and sends the sender a failure notice through {@link RelayNotices} (when
     * their NOTIFY asks for one; never to {@code <>}), in this transaction.
     */
    public RelayQueueEntry bounce(UUID id, String actor) {
        RelayMessage message = message(id);
        List<RelayRecipient> queued = queued(message);
        OffsetDateTime now = OffsetDateTime.now();
        for (RelayRecipient r : queued) {
            r.finish(RelayRecipient.Status.FAILED, now);
        }
        message.setState(RelayMessage.State.DONE);
        notices.send(message, queued.stream().map(r -> bounced(r, now)).toList());
        audited(AuditAction.RELAY_BOUNCED_BY_ADMIN, actor, message, queued);
        return get(id);
    }

    /** Drops the queued recipients without telling the sender. */
    public void delete(UUID id, String actor) {
        RelayMessage message = message(id);
        List<RelayRecipient> queued = queued(message);
        OffsetDateTime now = OffsetDateTime.now();
        queued.forEach(r -> r.finish(RelayRecipient.Status.DELETED, now));
        message.setState(RelayMessage.State.DONE);
        audited(AuditAction.RELAY_DELETED_BY_ADMIN, actor, message, queued);
    }

    /**
     * Claimed by a node and being attempted: {@link RelayStore#claim} sets the next attempt to the end of the
     * lease it takes at the attempt's start, and the attempt's outcome moves it again.
     */
    private boolean inFlight(RelayRecipient r, OffsetDateTime now) {
        return r.getLastAttemptAt() != null && r.getNextAttemptAt().isAfter(now)
                && Duration.between(r.getLastAttemptAt(), r.getNextAttemptAt()).equals(node.attemptLease());
    }

    private RelayMessage message(UUID id) {
        RelayMessage message = em.find(RelayMessage.class, id);
        if (message == null) {
            throw new RelayQueueException(RelayQueueException.Reason.NOT_FOUND, "no relay queue entry " + id);
        }
        return message;
    }

    /** The recipients still queued, locked against the relay worker; none is a conflict. */
    private List<RelayRecipient> queued(RelayMessage message) {
        List<RelayRecipient> queued = recipients(List.of(message.getId()), LockModeType.PESSIMISTIC_WRITE).stream()
                .filter(r -> r.getStatus() == RelayRecipient.Status.QUEUED).toList();
        if (queued.isEmpty()) {
            throw new RelayQueueException(RelayQueueException.Reason.CONFLICT, "relay queue entry " + message.getId()
                    + " (queue id " + message.getQueueId() + ") has no recipient queued any more");
        }
        return queued;
    }

    private List<RelayRecipient> recipients(List<UUID> messageIds, LockModeType lock) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT r FROM RelayRecipient r WHERE r.relayMessageId IN :ids ORDER BY r.address",
                        RelayRecipient.class)
                .setParameter("ids", messageIds).setLockMode(lock).getResultList();
    }

    private List<RelayQueueEntry> entries(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, RelayMessage> messages = em.createQuery("SELECT m FROM RelayMessage m WHERE m.id IN :ids",
                        RelayMessage.class).setParameter("ids", ids).getResultStream()
                .collect(Collectors.toMap(RelayMessage::getId, Function.identity()));
        Map<UUID, List<RelayRecipient>> recipients = recipients(ids, LockModeType.NONE).stream()
                .collect(Collectors.groupingBy(RelayRecipient::getRelayMessageId));
        return ids.stream().filter(messages::containsKey)
                .map(id -> RelayQueueEntry.of(messages.get(id), recipients.getOrDefault(id, List.of()))).toList();
    }

    private static SqlConditions conditions(RelayQueueFilter filter) {
        SqlConditions where = new SqlConditions();
        if (!filter.statuses().isEmpty()) {
            List<String> names = filter.statuses().stream().map(Enum::name).sorted().toList();
            where.and("EXISTS (SELECT 1 FROM relay_recipient r WHERE r.relay_message_id = m.id AND r.status IN ("
                    + String.join(", ", Collections.nCopies(names.size(), "?")) + "))", names.toArray());
        }
        if (filter.domain() != null) {
            where.and("m.domain = ?", filter.domain());
        }
        if (filter.sender() != null) {
            where.and("lower(m.reverse_path) = ?", filter.sender());
        }
        if (filter.recipient() != null) {
            where.and("EXISTS (SELECT 1 FROM relay_recipient r WHERE r.relay_message_id = m.id AND lower(r.address) = ?)",
                    filter.recipient());
        }
        if (filter.olderThan() != null) {
            where.and("m.received_at <= ?", OffsetDateTime.now().minus(filter.olderThan()));
        }
        return where;
    }

    private static RecipientStatus bounced(RelayRecipient r, OffsetDateTime now) {
        return new RecipientStatus(r.getAddress(), r.getOrcpt(), r.notifyOn(), RecipientStatus.Action.FAILED,
                BOUNCE_STATUS, r.getRemoteMta(), BOUNCE_DIAGNOSTIC, r.getLastAttemptAt() == null ? now : r.getLastAttemptAt(),
                null);
    }

    private void audited(AuditAction action, String actor, RelayMessage message, List<RelayRecipient> recipients) {
        audit.publish(action, actor, message.getTenantId(), message.getQueueId(), null,
                recipients.stream().map(RelayRecipient::getAddress).toList(), "OK",
                "entry=" + message.getId() + " domain=" + message.getDomain() + " sender=<"
                        + (message.getReversePath() == null ? "" : message.getReversePath()) + ">");
    }
}
