package fr.mssante.ejb.mailbox;

import fr.mssante.connector.api.smtp.MailAddress;
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

    public MailboxView create(NewMailbox request) {
        if (request.address() == null || request.address().isBlank()) {
            throw new MailboxException(MailboxException.Reason.INVALID, "address is required");
        }
        if (request.type() == null) {
            throw new MailboxException(MailboxException.Reason.INVALID, "type is required (PER, ORG or APP)");
        }
        MailAddress address;
        try {
            address = MailAddress.parse(request.address().trim());
        } catch (IllegalArgumentException e) {
            throw new MailboxException(MailboxException.Reason.INVALID,
                    "invalid address '" + request.address() + "': " + e.getMessage());
        }
        if (request.quotaBytes() != null && request.quotaBytes() <= 0) {
            throw new MailboxException(MailboxException.Reason.INVALID, "quotaBytes must be positive");
        }
        MailDomain domain = tenants.findDomain(address.domain()).orElseThrow(() -> new MailboxException(
                MailboxException.Reason.INVALID, "domain " + address.domain() + " is not hosted here"));
        String normalized = normalize(address.address());
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

    public MailboxView get(String address) {
        return find(address).map(MailboxView::of).orElseThrow(() -> notFound(address));
    }

    /** Messages of a folder, newest first. */
    public List<MessageSummary> listMessages(String address, String folderName, int offset, int limit) {
        Mailbox mailbox = find(address).orElseThrow(() -> notFound(address));
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
