package fr.mssante.ejb.tenant;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The establishment something belongs to, asked before any tenant scope exists: through the narrow
 * SECURITY DEFINER functions of V4 (one answer each, whatever the scope), never by widening the scope.
 */
@Stateless
public class TenantLookups {

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    /** The tenant a tenant administrator's verified token names by FINESS. */
    public Optional<UUID> tenantOfFiness(String finess) {
        return finess == null ? Optional.empty() : single("SELECT tenant_of_finess(?1)", finess);
    }

    /** The tenant owning a mailbox address (public, in the national directory). */
    public Optional<UUID> tenantOfMailbox(String address) {
        return address == null ? Optional.empty() : single("SELECT tenant_of_mailbox(?1)", address.strip());
    }

    /** The tenant owning a hosted mail domain. */
    public Optional<UUID> tenantOfDomain(String domain) {
        return domain == null ? Optional.empty() : single("SELECT tenant_of_domain(?1)", domain.strip());
    }

    private Optional<UUID> single(String sql, String key) {
        List<?> rows = em.createNativeQuery(sql).setParameter(1, key).getResultList();
        return rows.isEmpty() || rows.get(0) == null ? Optional.empty() : Optional.of(toUuid(rows.get(0)));
    }

    private static UUID toUuid(Object column) {
        return column instanceof UUID u ? u : UUID.fromString(column.toString());
    }
}
