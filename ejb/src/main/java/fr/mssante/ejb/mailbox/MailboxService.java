package fr.mssante.ejb.mailbox;

import fr.mssante.ejb.tenant.CanonicalAddress;
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
import java.util.Optional;

/** Mailbox administration and read access to folders. */
@Stateless
public class MailboxService {

    /** Default quota of a new mailbox: 1 GiB. */
    public static final long DEFAULT_QUOTA = 1L << 30;
    public static final int MAX_PAGE = 500;

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

    /**
     * Creates a mailbox with its standard folders.
     *
     * @param address the canonical form of {@code request.address()}, parsed at the API edge
     */
    public MailboxView create(CanonicalAddress address, NewMailbox request) {
        if (request.type() == null) {
            throw new InvalidFieldException("type", "type is required (PER, ORG or APP)");
        }
        if (request.quotaBytes() != null && request.quotaBytes() <= 0) {
            throw new InvalidFieldException("quotaBytes", "must be positive");
        }
        MailDomain domain = tenants.findDomain(address.domain().name()).orElseThrow(() -> new InvalidFieldException(
                "address", "domain " + address.domain() + " is not hosted here"));
        String normalized = address.value();
        if (find(normalized).isPresent()) {
            throw new MailboxException(MailboxException.Reason.ALREADY_EXISTS,
                    "mailbox " + normalized + " already exists");
        }
        Mailbox mailbox = new Mailbox(domain, normalized, request.type(), request.displayName(),
                request.ownerNationalId(), request.quotaBytes() == null ? DEFAULT_QUOTA : request.quotaBytes());
        em.persist(mailbox);
        for (StandardFolder folder : STANDARD_FOLDERS) {
            em.persist(new Folder(mailbox, folder.name(), folder.specialUse(), nextUidValidity()));
        }
        em.flush();
        return MailboxView.of(mailbox);
    }

    public Optional<Mailbox> find(String address) {
        return em.createNamedQuery(Mailbox.BY_ADDRESS, Mailbox.class)
                .setParameter("address", normalize(address))
                .getResultStream().findFirst();
    }

    public MailboxView get(CanonicalAddress address) {
        return find(address.value()).map(MailboxView::of).orElseThrow(() -> notFound(address.value()));
    }

    /** Messages of a folder, newest first. */
    public List<MessageSummary> listMessages(CanonicalAddress address, String folderName, int offset, int limit) {
        Mailbox mailbox = find(address.value()).orElseThrow(() -> notFound(address.value()));
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
