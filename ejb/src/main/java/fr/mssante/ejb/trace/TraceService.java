package fr.mssante.ejb.trace;

import fr.mssante.ejb.identity.SessionPrincipal;
import fr.mssante.ejb.persistence.NativeColumns;
import fr.mssante.ejb.persistence.SqlConditions;
import fr.mssante.ejb.tenant.TenantScope;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Message trace for administrators: what the platform stored about a message's path — acceptance
 * (intake envelope, session facts), queueing, delivery into each local mailbox (folder, UID) and the
 * first time it was read (first \Seen) — never its content.
 *
 * <p>An establishment's administrator sees the messages whose sender or a recipient is one of their
 * mailboxes, and of those only their own mailboxes' deliveries and reads, and only their own
 * recipients unless they sent it: another establishment's reading habits are not theirs to see.
 */
@Stateless
public class TraceService {

    /** A mailbox of the scope's tenant has this address. */
    private static final String OWN = "EXISTS (SELECT 1 FROM mailbox o WHERE o.tenant_id = ? AND o.address = %s)";

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    public List<MessageTrace> trace(TenantScope scope, TraceQuery query) {
        SqlConditions where = new SqlConditions();
        if (!everyTenant(scope)) {
            where.and(OWN.formatted("im.reverse_path") + " OR EXISTS (SELECT 1 FROM mailbox o WHERE o.tenant_id = ? "
                    + "AND o.address = ANY(im.recipients))", scope.tenantId(), scope.tenantId());
        }
        if (query.queueId() != null) {
            where.and("im.queue_id = ?", query.queueId());
        }
        if (query.messageId() != null) {
            where.and("c.message_id = ?", bracketed(query.messageId()));
        }
        if (query.sender() != null) {
            where.and("im.reverse_path = ?", query.sender());
        }
        if (query.recipient() != null) {
            where.and("? = ANY(im.recipients)", query.recipient());
            if (!everyTenant(scope)) {
                // Another establishment's recipient is searchable only on messages this one sent: no oracle
                // of who else received a message.
                where.and(OWN.formatted("?") + " OR " + OWN.formatted("im.reverse_path"),
                        scope.tenantId(), query.recipient(), scope.tenantId());
            }
        }
        if (query.from() != null) {
            where.and("im.received_at >= ?", query.from());
        }
        if (query.to() != null) {
            where.and("im.received_at < ?", query.to());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = where.bind(em.createNativeQuery("SELECT CAST(im.id AS text), im.queue_id, c.message_id, "
                        + "im.reverse_path, array_to_string(im.recipients, ','), im.received_at, im.enqueued_at, im.status, "
                        + "im.client_address, im.helo, im.service, im.tls, im.authenticated_user, im.size, "
                        + "im.tls_protocol, im.tls_cipher_suite "
                        + "FROM intake_message im LEFT JOIN message_content c ON c.blob_sha256 = im.blob_sha256"
                        + where.where() + " ORDER BY im.received_at DESC, im.queue_id"))
                .setMaxResults(query.limit()).getResultList();
        List<MessageTrace> traces = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            traces.add(trace(scope, r));
        }
        return traces;
    }

    private MessageTrace trace(TenantScope scope, Object[] r) {
        UUID intakeId = UUID.fromString((String) r[0]);
        String sender = (String) r[3];
        List<String> recipients = Arrays.asList(((String) r[4]).split(","));
        OffsetDateTime receivedAt = NativeColumns.timestamp(r[5]);
        Set<String> visible = everyTenant(scope) ? Set.copyOf(recipients) : ownAddresses(scope, recipients);
        boolean ownSender = everyTenant(scope) || (sender != null && !ownAddresses(scope, List.of(sender)).isEmpty());

        List<TraceEvent> events = new ArrayList<>();
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("clientAddress", r[8]);
        accepted.put("helo", r[9]);
        accepted.put("service", r[10]);
        accepted.put("tls", r[11]);
        accepted.put("size", ((Number) r[13]).longValue());
        accepted.put("tlsProtocol", r[14]);
        accepted.put("tlsCipherSuite", r[15]);
        if (r[12] != null) {
            SessionPrincipal principal = SessionPrincipal.parse((String) r[12]);
            accepted.put("authenticatedAs", principal.address());
            principal.delegate().ifPresent(delegate -> accepted.put("delegate", delegate));
        }
        accepted.values().removeIf(java.util.Objects::isNull);
        events.add(new TraceEvent(receivedAt, TraceEvent.Type.ACCEPTED, accepted));
        events.add(new TraceEvent(NativeColumns.timestamp(r[6]), TraceEvent.Type.QUEUED, Map.of("status", r[7])));
        events.addAll(deliveries(intakeId, visible));
        events.sort(Comparator.comparing(TraceEvent::at));
        return new MessageTrace((String) r[1], (String) r[2], sender,
                ownSender ? recipients : recipients.stream().filter(visible::contains).toList(), receivedAt, events);
    }

    /** DELIVERED and READ of each copy delivered to one of {@code visible}. */
    private List<TraceEvent> deliveries(UUID intakeId, Set<String> visible) {
        if (visible.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT b.address, f.name, m.uid, im.delivered_at, m.first_read_at "
                        + "FROM message m JOIN folder f ON f.id = m.folder_id JOIN mailbox b ON b.id = f.mailbox_id "
                        + "JOIN intake_message im ON im.id = m.intake_message_id "
                        + "WHERE m.intake_message_id = ?1 AND b.address = ANY(CAST(?2 AS text[])) ORDER BY b.address")
                .setParameter(1, intakeId).setParameter(2, textArray(visible)).getResultList();
        List<TraceEvent> events = new ArrayList<>();
        for (Object[] r : rows) {
            Map<String, Object> where = Map.of("mailbox", r[0], "folder", r[1], "uid", ((Number) r[2]).longValue());
            OffsetDateTime delivered = NativeColumns.timestamp(r[3]);
            if (delivered != null) {
                events.add(new TraceEvent(delivered, TraceEvent.Type.DELIVERED, where));
            }
            if (r[4] != null) {
                events.add(new TraceEvent(NativeColumns.timestamp(r[4]), TraceEvent.Type.READ, where));
            }
        }
        return events;
    }

    private Set<String> ownAddresses(TenantScope scope, List<String> addresses) {
        @SuppressWarnings("unchecked")
        List<String> own = em.createNativeQuery("SELECT address FROM mailbox WHERE tenant_id = ?1 "
                        + "AND address = ANY(CAST(?2 AS text[]))")
                .setParameter(1, scope.tenantId()).setParameter(2, textArray(addresses)).getResultList();
        return Set.copyOf(own);
    }

    /** The operator's and the system's scopes have no tenant id: every establishment (ADR 0011). */
    private static boolean everyTenant(TenantScope scope) {
        return scope.tenantId() == null;
    }

    /** Message-IDs are stored with their angle brackets (RFC 5322 msg-id); accept them with or without. */
    private static String bracketed(String messageId) {
        return messageId.startsWith("<") ? messageId : "<" + messageId + ">";
    }

    /** A text[] literal of addresses (canonical addresses contain no quote, comma or brace). */
    private static String textArray(java.util.Collection<String> values) {
        return values.stream().map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }
}
