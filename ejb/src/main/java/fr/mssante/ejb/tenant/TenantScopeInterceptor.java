package fr.mssante.ejb.tenant;

import jakarta.annotation.Resource;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.AroundTimeout;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Default interceptor of every EJB (ejb-jar.xml): hands the {@link ScopeContext} scope to PostgreSQL's
 * row-level security, on the connection of the current JTA transaction, with transaction-local settings
 * ({@code set_config(..., true)}), so the setting dies with the transaction and a pooled connection never
 * carries it over. Runs inside the container transaction; the scope applied is remembered in the
 * transaction, so the statement is sent once per transaction, and again only when a block of the same
 * transaction runs in another scope (delivery to recipients of several establishments). Without a
 * scope nothing is set: the policies then show no tenant row (fail closed).
 */
public class TenantScopeInterceptor {

    private static final Logger LOG = Logger.getLogger(TenantScopeInterceptor.class.getName());

    /** What the transaction's connection currently says; absent from the registry = nothing set yet. */
    private record Applied(TenantScope scope) {
    }

    /** Both settings in one statement, transaction-local ({@code is_local = true}). */
    private static final String SET_SCOPE =
            "SELECT set_config('mssante.scope', ?, true), set_config('mssante.tenant_id', ?, true)";

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    @AroundInvoke
    Object aroundInvoke(InvocationContext invocation) throws Exception {
        apply();
        return invocation.proceed();
    }

    @AroundTimeout
    Object aroundTimeout(InvocationContext invocation) throws Exception {
        apply();
        return invocation.proceed();
    }

    private void apply() {
        if (transactions.getTransactionKey() == null) {
            return; // autocommit: a transaction-local setting would not outlive its statement; no tenant rows
        }
        TenantScope wanted = ScopeContext.current().orElse(null);
        Applied applied = (Applied) transactions.getResource(Applied.class);
        if (Objects.equals(wanted, applied == null ? null : applied.scope())) {
            return;
        }
        if (applied != null) {
            em.flush(); // pending writes were made in the previous scope and must be checked against it
        }
        // Straight on the transaction's JDBC connection, a statement the driver keeps prepared: it runs once per
        // transaction, so once per IMAP command, and a JPA native query's parsing and result mapping cost more
        // than the round trip itself (ADR 0038). Nothing is pending here that Hibernate would have to flush:
        // the first setting of a transaction comes before any write, and a change of scope flushed above.
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement set = connection.prepareStatement(SET_SCOPE)) {
                set.setString(1, wanted == null ? "" : wanted.kind().setting);
                set.setString(2, wanted == null || wanted.tenantId() == null ? "" : wanted.tenantId().toString());
                set.execute();
            }
        });
        transactions.putResource(Applied.class, new Applied(wanted));
        LOG.fine(() -> "transaction scope: " + (wanted == null ? "none" : wanted));
    }
}
