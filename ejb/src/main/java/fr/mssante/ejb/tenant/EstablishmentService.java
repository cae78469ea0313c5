package fr.mssante.ejb.tenant;

import fr.mssante.ejb.admin.Versioned;
import fr.mssante.ejb.audit.AuditAction;
import fr.mssante.ejb.audit.AuditPublisher;
import fr.mssante.ejb.mailbox.MailboxException;
import fr.mssante.ejb.paging.Filters;
import fr.mssante.ejb.paging.Page;
import fr.mssante.ejb.paging.PageRequest;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Establishments (tenants) and their domains, as the admin API manages them. */
@Stateless
public class EstablishmentService {

    public static final Set<String> SORTABLE = Set.of("finess", "name", "createdAt");
    private static final Map<String, String> SORT_PATHS = Map.of("finess", "t.finess", "name", "t.name",
            "createdAt", "t.createdAt");

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    @EJB
    private AuditPublisher audit;

    /**
     * @param q      part of the name or FINESS, case-insensitive; null for all
     * @param finess only this establishment (a tenant administrator's); null for all
     */
    public Page<EstablishmentView> list(String q, String finess, PageRequest page) {
        Filters filters = new Filters();
        if (q != null && !q.isEmpty()) {
            filters.add("(LOWER(t.name) LIKE :q OR t.finess LIKE :q)", "q", "%" + q.toLowerCase(Locale.ROOT) + "%");
        }
        if (finess != null) {
            filters.add("t.finess = :finess", "finess", finess);
        }
        TypedQuery<Tenant> query = filters.bind(em.createQuery("SELECT t FROM Tenant t" + filters.where() + " ORDER BY "
                + SORT_PATHS.get(page.sortField()) + (page.descending() ? " DESC" : " ASC") + ", t.id", Tenant.class));
        long total = filters.bind(em.createQuery("SELECT COUNT(t) FROM Tenant t" + filters.where(), Long.class))
                .getSingleResult();
        List<EstablishmentView> items = query.setFirstResult(page.offset()).setMaxResults(page.size())
                .getResultStream().map(this::view).toList();
        return new Page<>(items, page.page(), page.size(), total);
    }

    public Versioned<EstablishmentView> get(String finess) {
        Tenant t = tenant(finess);
        return new Versioned<>(view(t), t.getVersion());
    }

    public Versioned<EstablishmentView> create(NewEstablishment request, String actor) {
        String finess = Finess.parse(request.finess(), "finess");
        String name = requireName(request.name());
        List<Contact> contacts = ContactView.toEntities(request.contacts());
        if (find(finess) != null) {
            throw new MailboxException(MailboxException.Reason.ALREADY_EXISTS, "establishment " + finess + " already exists");
        }
        Tenant t = new Tenant(name, finess);
        t.replaceContacts(contacts);
        em.persist(t);
        em.flush();
        audit.publish(AuditAction.ESTABLISHMENT_CREATED, actor, t.getId(), null, null, List.of(), "OK",
                "finess=" + finess + " name=" + name);
        return new Versioned<>(view(t), t.getVersion());
    }

    /**
     * Applies a merge patch (RFC 7396) of name and contacts.
     *
     * @param expectedVersion from If-Match; null when the request had none
     * @param name            null to leave unchanged
     * @param contacts        null to leave unchanged; the whole list otherwise (arrays are replaced, RFC 7396)
     */
    public Versioned<EstablishmentView> update(String finess, Long expectedVersion, String name,
                                               List<ContactView> contacts, String actor) {
        Tenant t = tenant(finess);
        Preconditions.requireVersion(expectedVersion, t.getVersion(), "establishment " + finess);
        if (name != null) {
            t.rename(requireName(name));
        }
        if (contacts != null) {
            t.replaceContacts(ContactView.toEntities(contacts));
        }
        em.flush();
        audit.publish(AuditAction.ESTABLISHMENT_UPDATED, actor, t.getId(), null, null, List.of(), "OK",
                "finess=" + finess + (name != null ? " name" : "") + (contacts != null ? " contacts" : ""));
        return new Versioned<>(view(t), t.getVersion());
    }

    public List<DomainView> domains(String finess) {
        Tenant t = tenant(finess);
        return em.createQuery("SELECT d FROM MailDomain d WHERE d.tenant = :t ORDER BY d.name", MailDomain.class)
                .setParameter("t", t).getResultStream().map(this::view).toList();
    }

    public DomainView addDomain(String finess, CanonicalDomain domain, String actor) {
        Tenant t = tenant(finess);
        if (!em.createNamedQuery(MailDomain.BY_NAME, MailDomain.class).setParameter("name", domain.name())
                .getResultList().isEmpty()) {
            throw new MailboxException(MailboxException.Reason.ALREADY_EXISTS, "domain " + domain + " is already hosted");
        }
        MailDomain d = new MailDomain(t, domain.name());
        em.persist(d);
        em.flush();
        audit.publish(AuditAction.DOMAIN_ADDED, actor, t.getId(), null, null, List.of(), "OK", "domain=" + domain);
        return view(d);
    }

    /** Removes a domain that has no mailbox left (closed ones included: their rows keep the domain). */
    public void removeDomain(String finess, CanonicalDomain domain, String actor) {
        Tenant t = tenant(finess);
        MailDomain d = em.createNamedQuery(MailDomain.BY_NAME, MailDomain.class).setParameter("name", domain.name())
                .getResultStream().filter(x -> x.getTenant().getId().equals(t.getId())).findFirst()
                .orElseThrow(() -> new MailboxException(MailboxException.Reason.NOT_FOUND,
                        "establishment " + finess + " has no domain " + domain));
        long mailboxes = mailboxCount(d);
        if (mailboxes > 0) {
            throw new MailboxException(MailboxException.Reason.CONFLICT, "domain " + domain + " still has "
                    + mailboxes + " mailbox(es)");
        }
        em.remove(d);
        audit.publish(AuditAction.DOMAIN_REMOVED, actor, t.getId(), null, null, List.of(), "OK", "domain=" + domain);
    }

    private Tenant find(String finess) {
        return em.createQuery("SELECT t FROM Tenant t WHERE t.finess = :finess", Tenant.class)
                .setParameter("finess", finess).getResultStream().findFirst().orElse(null);
    }

    private Tenant tenant(String finess) {
        Tenant t = find(finess);
        if (t == null) {
            throw new MailboxException(MailboxException.Reason.NOT_FOUND, "no establishment " + finess);
        }
        return t;
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidFieldException("name", "a name is required");
        }
        return name;
    }

    private EstablishmentView view(Tenant t) {
        long domains = em.createQuery("SELECT COUNT(d) FROM MailDomain d WHERE d.tenant = :t", Long.class)
                .setParameter("t", t).getSingleResult();
        long mailboxes = em.createQuery("SELECT COUNT(m) FROM Mailbox m WHERE m.tenantId = :t", Long.class)
                .setParameter("t", t.getId()).getSingleResult();
        return new EstablishmentView(t.getFiness(), t.getName(), t.getContacts().stream().map(Contact::view).toList(),
                domains, mailboxes, t.getCreatedAt());
    }

    private DomainView view(MailDomain d) {
        return new DomainView(d.getName(), d.getCreatedAt(), mailboxCount(d), ExpectedDns.of(d.getName()));
    }

    private long mailboxCount(MailDomain d) {
        return em.createQuery("SELECT COUNT(m) FROM Mailbox m WHERE m.domain = :d", Long.class)
                .setParameter("d", d).getSingleResult();
    }
}
