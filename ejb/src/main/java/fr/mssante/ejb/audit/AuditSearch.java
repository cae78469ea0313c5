package fr.mssante.ejb.audit;

import fr.mssante.ejb.paging.Page;
import fr.mssante.ejb.paging.PageRequest;
import fr.mssante.ejb.persistence.NativeColumns;
import fr.mssante.ejb.persistence.SqlConditions;
import fr.mssante.ejb.tenant.TenantScope;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads the audit trail for administrators: an establishment's administrator sees only the events
 * carrying their tenant id; the operator sees everything, platform events (tenant null) included.
 */
@Stateless
public class AuditSearch {

    public static final Set<String> SORTABLE = Set.of("occurredAt");
    public static final String DEFAULT_SORT = "occurredAt,desc";

    /**
     * The mailbox an event is about, derived from what each kind of event records: {@code mailbox=} in
     * credential changes, {@code account=} in authentications, the one recipient of a delivery.
     */
    private static final String MAILBOX = "coalesce(substring(details from 'mailbox=([^ ]+)'), "
            + "substring(details from 'account=([^ ]+)'), CASE WHEN cardinality(recipients) = 1 THEN recipients[1] END)";
    private static final String COLUMNS = "SELECT id, occurred_at, action, actor, " + MAILBOX + ", details FROM audit_event";

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    public Page<AuditEntry> search(TenantScope scope, AuditQuery query, PageRequest page) {
        SqlConditions where = conditions(scope, query);
        long total = ((Number) where.bind(em.createNativeQuery("SELECT count(*) FROM audit_event" + where.where()))
                .getSingleResult()).longValue();
        String direction = page.descending() ? " DESC" : " ASC";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = where.bind(em.createNativeQuery(COLUMNS + where.where()
                        + " ORDER BY occurred_at" + direction + ", id" + direction))
                .setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        return new Page<>(rows.stream().map(AuditSearch::entry).toList(), page.page(), page.size(), total);
    }

    /** Every matching event, oldest first, handed to {@code sink} one by one (for a streamed export). */
    public void export(TenantScope scope, AuditQuery query, Consumer<AuditEntry> sink) {
        SqlConditions where = conditions(scope, query);
        @SuppressWarnings("unchecked")
        Stream<Object[]> rows = where.bind(em.createNativeQuery(COLUMNS + where.where() + " ORDER BY occurred_at, id"))
                .setHint("org.hibernate.fetchSize", 500).getResultStream();
        try (rows) {
            rows.map(AuditSearch::entry).forEach(sink);
        }
    }

    private static SqlConditions conditions(TenantScope scope, AuditQuery query) {
        SqlConditions where = new SqlConditions();
        if (!everyTenant(scope)) {
            where.and("tenant_id = ?", scope.tenantId());
        }
        if (query.from() != null) {
            where.and("occurred_at >= ?", query.from());
        }
        if (query.to() != null) {
            where.and("occurred_at < ?", query.to());
        }
        if (query.actor() != null) {
            where.and("actor = ?", query.actor());
        }
        if (query.type() != null) {
            where.and("action = ?", query.type().name());
        }
        if (query.mailbox() != null) {
            where.and(MAILBOX + " = ?", query.mailbox());
        }
        return where;
    }

    /** The operator's and the system's scopes have no tenant id: every establishment (ADR 0011). */
    private static boolean everyTenant(TenantScope scope) {
        return scope.tenantId() == null;
    }

    private static AuditEntry entry(Object[] r) {
        return new AuditEntry(((Number) r[0]).longValue(), NativeColumns.timestamp(r[1]), AuditAction.valueOf((String) r[2]),
                (String) r[3], (String) r[4], (String) r[5]);
    }
}
