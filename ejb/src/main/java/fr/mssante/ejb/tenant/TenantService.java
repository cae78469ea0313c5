package fr.mssante.ejb.tenant;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Establishments and the domains they own. */
@Stateless
public class TenantService {

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    /**
     * The establishment that owns what is in this domain: its mailboxes and everything attached to them.
     * The one answer to "whose is this?" that every API authorisation decision uses.
     */
    public Optional<UUID> ownerOf(CanonicalDomain domain) {
        return findDomain(domain.name()).map(d -> d.getTenant().getId());
    }

    public Optional<MailDomain> findDomain(String name) {
        return em.createNamedQuery(MailDomain.BY_NAME, MailDomain.class)
                .setParameter("name", name.toLowerCase(Locale.ROOT))
                .getResultStream().findFirst();
    }

    /** The FINESS of a tenant: what a tenant administrator's token names as their establishment. */
    public Optional<String> finessOf(UUID tenantId) {
        return Optional.ofNullable(em.find(Tenant.class, tenantId)).map(Tenant::getFiness);
    }

    /** The tenant with this FINESS, created if missing. */
    public Tenant ensureTenant(String name, String finess) {
        return em.createQuery("SELECT t FROM Tenant t WHERE t.finess = :finess", Tenant.class)
                .setParameter("finess", finess)
                .getResultStream().findFirst()
                .orElseGet(() -> {
                    Tenant t = new Tenant(name, finess);
                    em.persist(t);
                    return t;
                });
    }

    /** The hosted domain with this name, created for the tenant if missing. */
    public MailDomain ensureDomain(Tenant tenant, String name) {
        return findDomain(name).orElseGet(() -> {
            MailDomain d = new MailDomain(tenant, name);
            em.persist(d);
            return d;
        });
    }
}
