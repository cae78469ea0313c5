package fr.mssante.ejb.mailbox;

import fr.mssante.ejb.admin.Versioned;
import fr.mssante.ejb.audit.AuditAction;
import fr.mssante.ejb.audit.AuditPublisher;
import fr.mssante.ejb.paging.Filters;
import fr.mssante.ejb.paging.Page;
import fr.mssante.ejb.paging.PageRequest;
import fr.mssante.ejb.tenant.CanonicalAddress;
import fr.mssante.ejb.tenant.Preconditions;
import fr.mssante.ejb.tenant.InvalidFieldException;
import fr.mssante.ejb.tenant.MailDomain;
import fr.mssante.ejb.tenant.TenantService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Mailbox administration and read access to folders. */
@Stateless
public class MailboxService {

    /** Default quota of a new mailbox: 1 GiB. */
    public static final long DEFAULT_QUOTA = 1L << 30;
    public static final int MAX_PAGE = 500;
    public static final Set<String> SORTABLE = Set.of("address", "displayName", "createdAt", "status");
    private static final Map<String, String> SORT_PATHS = Map.of("address", "m.address",
            "displayName", "m.displayName", "createdAt", "m.createdAt", "status", "m.status");
    private static final String SYSTEM_ACTOR = "system";

    /** A folder every mailbox has, with its RFC 6154 special-use attribute (none for INBOX). */
    private record StandardFolder(String name, String specialUse) {
    }

    private static final List<StandardFolder> STANDARD_FOLDERS = List.of(
            new StandardFolder(Folder.INBOX, null),
            new StandardFolder("Sent", "\\Sent"),
            new StandardFolder("Drafts", "\\Drafts"),
            new StandardFolder("Trash", "\\Trash"),
            new StandardFolder("Junk", "\\Junk"),
            new StandardFolder("Archive", "\\Archive"));

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    @EJB
    private TenantService tenants;

    @EJB
    private AuditPublisher audit;

    /** Creates a mailbox for the platform's own code (demo data, in-container tests). */
    public MailboxView create(CanonicalAddress address, NewMailbox request) {
        return create(address, request, SYSTEM_ACTOR);
    }

    /**
     * Creates a mailbox with its standard folders.
     *
     * @param address the canonical form of {@code request.address()}, parsed at the API edge
     */
    public MailboxView create(CanonicalAddress address, NewMailbox request, String actor) {
        MailboxRules.require(MailboxRules.violations(request));
        MailDomain domain = tenants.findDomain(address.domain().name()).orElseThrow(() -> new InvalidFieldException(
                "address", "domain " + address.domain() + " is not hosted here"));
        String normalized = address.value();
        if (find(normalized).isPresent()) {
            throw new MailboxException(MailboxException.Reason.ALREADY_EXISTS,
                    "mailbox " + normalized + " already exists");
        }
        Mailbox mailbox = new Mailbox(domain, normalized, request.type(), request.displayName(),
                request.ownerNationalId(), request.quotaBytes() == null ? DEFAULT_QUOTA : request.quotaBytes());
        mailbox.setPublishedInDirectory(request.publishedInDirectory() == null || request.publishedInDirectory());
        mailbox.setRedList(Boolean.TRUE.equals(request.redList()));
        if (request.owners() != null) {
            mailbox.replaceOwners(request.owners());
        }
        em.persist(mailbox);
        for (StandardFolder folder : STANDARD_FOLDERS) {
            em.persist(new Folder(mailbox, folder.name(), folder.specialUse(), nextUidValidity()));
        }
        em.flush();
        audit.publish(AuditAction.MAILBOX_CREATED, actor, mailbox.getTenantId(), null, null, List.of(normalized), "OK",
                "type=" + request.type());
        return view(mailbox);
    }

    public Optional<Mailbox> find(String address) {
        return em.createNamedQuery(Mailbox.BY_ADDRESS, Mailbox.class)
                .setParameter("address", normalize(address))
                .getResultStream().findFirst();
    }

    public MailboxView get(CanonicalAddress address) {
        return view(existing(address));
    }

    /** The mailbox with the version its ETag is made of. */
    public Versioned<MailboxView> getVersioned(CanonicalAddress address) {
        Mailbox m = existing(address);
        return new Versioned<>(view(m), m.getVersion());
    }

    /**
     * Lists mailboxes.
     *
     * @param filter what the caller asked for, already scoped to their establishment by the API
     */
    public Page<MailboxView> list(MailboxFilter filter, PageRequest page) {
        Filters filters = new Filters();
        if (filter.q() != null && !filter.q().isEmpty()) {
            filters.add("(m.address LIKE :q OR LOWER(m.displayName) LIKE :q)", "q",
                    "%" + filter.q().toLowerCase(Locale.ROOT) + "%");
        }
        if (filter.type() != null) {
            filters.add("m.type = :type", "type", filter.type());
        }
        if (filter.status() != null) {
            filters.add("m.status = :status", "status", filter.status());
        }
        if (filter.domain() != null) {
            filters.add("m.domain.name = :domain", "domain", filter.domain());
        }
        if (filter.establishment() != null) {
            filters.add("m.domain.tenant.finess = :finess", "finess", filter.establishment());
        }
        long total = filters.bind(em.createQuery("SELECT COUNT(m) FROM Mailbox m" + filters.where(), Long.class))
                .getSingleResult();
        List<MailboxView> items = filters.bind(em.createQuery("SELECT m FROM Mailbox m" + filters.where()
                        + " ORDER BY " + SORT_PATHS.get(page.sortField()) + (page.descending() ? " DESC" : " ASC")
                        + ", m.address", Mailbox.class))
                .setFirstResult(page.offset()).setMaxResults(page.size())
                .getResultStream().map(this::view).toList();
        return new Page<>(items, page.page(), page.size(), total);
    }

    /**
     * Applies a merge patch (RFC 7396) when {@code expectedVersion} (If-Match) is still current.
     *
     * @param expectedVersion null when the request had no If-Match
     */
    public Versioned<MailboxView> update(CanonicalAddress address, Long expectedVersion, MailboxPatch patch,
                                         String actor) {
        Mailbox m = existing(address);
        Preconditions.requireVersion(expectedVersion, m.getVersion(), "mailbox " + address);
        if (patch.isEmpty()) {
            // {} changes nothing (RFC 7396): same version, nothing to audit.
            return new Versioned<>(view(m), m.getVersion());
        }
        if (patch.quotaBytes() != null && patch.quotaBytes() <= 0) {
            throw new InvalidFieldException("quotaBytes", "must be positive");
        }
        if (patch.owners() != null) {
            if (m.getType() != MailboxType.ORG) {
                throw new InvalidFieldException("owners", "only an ORG mailbox has owners");
            }
            MailboxRules.require(MailboxRules.ownerViolations(patch.owners()));
            m.replaceOwners(patch.owners());
        }
        if (patch.displayName() != null) {
            m.setDisplayName(patch.displayName().orElse(null));
        }
        if (patch.quotaBytes() != null) {
            m.setQuotaBytes(patch.quotaBytes());
        }
        if (patch.publishedInDirectory() != null) {
            m.setPublishedInDirectory(patch.publishedInDirectory());
        }
        if (patch.redList() != null) {
            m.setRedList(patch.redList());
        }
        em.flush();
        audit.publish(AuditAction.MAILBOX_UPDATED, actor, m.getTenantId(), null, null, List.of(m.getAddress()), "OK",
                "changed=" + patch.fields());
        return new Versioned<>(view(m), m.getVersion());
    }

    /** The mailbox at this address, or the 404 every caller gives (public: other beans call it). */
    public Mailbox existing(CanonicalAddress address) {
        return existing(address.value());
    }

    /** The mailbox of this address, or the NOT_FOUND refusal every service gives for a missing one. */
    public Mailbox existing(String address) {
        return find(address).orElseThrow(() -> notFound(address));
    }

    public MailboxView view(Mailbox m) {
        long used = em.createQuery("SELECT COALESCE(SUM(x.rfc822Size), 0) FROM Message x WHERE x.folderId IN "
                        + "(SELECT f.id FROM Folder f WHERE f.mailboxId = :mailbox)", Long.class)
                .setParameter("mailbox", m.getId()).getSingleResult();
        return MailboxView.of(m, used);
    }

    /** Messages of a folder, newest first. */
    public List<MessageSummary> listMessages(CanonicalAddress address, String folderName, int offset, int limit) {
        Mailbox mailbox = existing(address);
        Folder folder = em.createNamedQuery(Folder.BY_MAILBOX_AND_NAME, Folder.class)
                .setParameter("mailboxId", mailbox.getId())
                .setParameter("name", folderName)
                .getResultStream().findFirst()
                .orElseThrow(() -> new MailboxException(MailboxException.Reason.NOT_FOUND,
                        "mailbox " + mailbox.getAddress() + " has no folder " + folderName));
        return em.createQuery("SELECT m FROM Message m JOIN FETCH m.content WHERE m.folderId = :folder "
                        + "ORDER BY m.uid DESC", Message.class)
                .setParameter("folder", folder.getId())
                .setFirstResult(Math.max(0, offset))
                .setMaxResults(Math.min(Math.max(1, limit), MAX_PAGE))
                .getResultStream()
                .map(m -> new MessageSummary(m.getUid(), m.getContent().getFromDisplay(),
                        m.getContent().getSubject(), m.getContent().getSentDate(), m.getInternalDate(),
                        m.getRfc822Size(), Arrays.asList(m.getFlags()), m.getContent().getMessageId()))
                .toList();
    }

    private long nextUidValidity() {
        return ((Number) em.createNativeQuery("SELECT nextval('uid_validity_seq')").getSingleResult()).longValue();
    }

    private static String normalize(String address) {
        return address.trim().toLowerCase(Locale.ROOT);
    }

    private static MailboxException notFound(String address) {
        return new MailboxException(MailboxException.Reason.NOT_FOUND, "no mailbox " + address);
    }
}
