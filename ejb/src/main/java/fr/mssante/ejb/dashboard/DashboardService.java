package fr.mssante.ejb.dashboard;

import fr.mssante.ejb.mailbox.MailboxStatus;
import fr.mssante.ejb.mailbox.MailboxType;
import fr.mssante.ejb.tenant.TenantScope;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the dashboard, scoped like every admin read: an establishment's administrator counts only
 * their mailboxes, their mailboxes' messages and their mailboxes' authentication failures.
 */
@Stateless
public class DashboardService {

    static final int DAYS = 30;

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    public Dashboard dashboard(TenantScope scope) {
        return new Dashboard(
                counts(scope, "type", Arrays.stream(MailboxType.values()).map(Enum::name).toList()),
                counts(scope, "status", Arrays.stream(MailboxStatus.values()).map(Enum::name).toList()),
                perDay(scope), queue(scope), authFailures(scope));
    }

    private Map<String, Long> counts(TenantScope scope, String column, List<String> keys) {
        // column is one of two constants of this class, never request text.
        @SuppressWarnings("unchecked")
        List<Object[]> rows = scoped(em.createNativeQuery("SELECT " + column + ", count(*) FROM mailbox m WHERE "
                + (everyTenant(scope) ? "true" : "m.tenant_id = ?1") + " GROUP BY " + column), scope).getResultList();
        Map<String, Long> counts = new LinkedHashMap<>();
        keys.forEach(k -> counts.put(k, 0L));
        rows.forEach(r -> counts.put((String) r[0], ((Number) r[1]).longValue()));
        return counts;
    }

    /** Days in UTC: the platform's clock, whatever the server's time zone. */
    private List<Dashboard.Day> perDay(TenantScope scope) {
        String tenant = everyTenant(scope) ? "true" : "b.tenant_id = ?1";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = scoped(em.createNativeQuery("""
                WITH days AS (SELECT CAST(generate_series(CAST(timezone('UTC', now()) AS date) - %d,
                                                          CAST(timezone('UTC', now()) AS date), interval '1 day') AS date) AS day),
                received AS (SELECT CAST(timezone('UTC', im.delivered_at) AS date) AS day, count(*) AS n
                             FROM message m JOIN intake_message im ON im.id = m.intake_message_id
                             JOIN folder f ON f.id = m.folder_id JOIN mailbox b ON b.id = f.mailbox_id
                             WHERE im.delivered_at >= now() - interval '%d days' AND %s GROUP BY 1),
                sent AS (SELECT CAST(timezone('UTC', im.received_at) AS date) AS day, count(*) AS n
                         FROM intake_message im JOIN mailbox b ON b.address = im.reverse_path
                         WHERE im.service <> 'mx' AND im.authenticated_user IS NOT NULL
                           AND im.received_at >= now() - interval '%d days' AND %s GROUP BY 1)
                SELECT d.day, coalesce(r.n, 0), coalesce(s.n, 0) FROM days d
                LEFT JOIN received r ON r.day = d.day LEFT JOIN sent s ON s.day = d.day ORDER BY d.day"""
                .formatted(DAYS - 1, DAYS + 1, tenant, DAYS + 1, tenant)), scope).getResultList();
        return rows.stream().map(r -> new Dashboard.Day(day(r[0]), ((Number) r[1]).longValue(),
                ((Number) r[2]).longValue())).toList();
    }

    private Dashboard.Queue queue(TenantScope scope) {
        Object[] r = (Object[]) scoped(em.createNativeQuery("SELECT count(*), "
                + "coalesce(CAST(extract(epoch FROM now() - min(im.received_at)) AS bigint), 0) "
                + "FROM intake_message im WHERE im.status = 'QUEUED' AND " + (everyTenant(scope) ? "true"
                : "EXISTS (SELECT 1 FROM mailbox b WHERE b.tenant_id = ?1 AND (b.address = im.reverse_path "
                + "OR b.address = ANY(im.recipients)))")), scope).getSingleResult();
        return new Dashboard.Queue(((Number) r[0]).longValue(), ((Number) r[1]).longValue());
    }

    private long authFailures(TenantScope scope) {
        return ((Number) scoped(em.createNativeQuery("SELECT count(*) FROM audit_event WHERE action = 'AUTH_FAILED' "
                + "AND occurred_at >= now() - interval '24 hours' AND " + (everyTenant(scope) ? "true" : "tenant_id = ?1")),
                scope).getSingleResult()).longValue();
    }

    /** The operator's and the system's scopes have no tenant id: every establishment (ADR 0011). */
    private static boolean everyTenant(TenantScope scope) {
        return scope.tenantId() == null;
    }

    private static Query scoped(Query query, TenantScope scope) {
        return everyTenant(scope) ? query : query.setParameter(1, scope.tenantId());
    }

    private static LocalDate day(Object column) {
        return column instanceof Date date ? date.toLocalDate() : (LocalDate) column;
    }
}
