package fr.mssante.ejb.mailbox.imap;

import fr.mssante.connector.api.imap.FolderRef;
import fr.mssante.connector.api.imap.ImapFailure;
import fr.mssante.ejb.mailbox.Folder;
import fr.mssante.ejb.mailbox.Mailbox;
import fr.mssante.ejb.mailbox.MailboxService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Look-ups shared by the IMAP operations: the user's mailbox, a folder by name or by reference. */
@Stateless
public class ImapAccess {

    /** Hierarchy delimiter of folder names (the engine advertises it in LIST). */
    public static final String DELIMITER = "/";

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    @EJB
    private MailboxService mailboxes;

    public Mailbox mailbox(String user) {
        return mailboxes.find(user).filter(Mailbox::receivesMail)
                .orElseThrow(() -> new ImapFailure("NONEXISTENT", "mailbox " + user + " is not active"));
    }

    /** INBOX is case-insensitive (RFC 3501 5.1); every other name is exact. */
    public static String canonical(String name) {
        return name.equalsIgnoreCase(Folder.INBOX) ? Folder.INBOX : name;
    }

    public Folder folder(Mailbox mailbox, String name) {
        return em.createNamedQuery(Folder.BY_MAILBOX_AND_NAME, Folder.class)
                .setParameter("mailboxId", mailbox.getId())
                .setParameter("name", canonical(name))
                .getResultStream().findFirst()
                .orElseThrow(() -> new ImapFailure("NONEXISTENT", "no folder " + name));
    }

    /** For APPEND/COPY targets: a missing folder is TRYCREATE (RFC 3501 6.3.11), not NONEXISTENT. */
    public Folder target(Mailbox mailbox, String name) {
        try {
            return folder(mailbox, name);
        } catch (ImapFailure e) {
            throw new ImapFailure("TRYCREATE", "no folder " + name);
        }
    }

    /**
     * Locks the selected folder for the rest of the transaction and checks it is the one the session
     * selected (same id and UIDVALIDITY, owned by the user).
     *
     * @return uid_next, highest_modseq, tenant_id
     */
    public Object[] lock(String user, FolderRef ref) {
        return selectedFolder(user, ref, " FOR UPDATE OF f");
    }

    /**
     * {@link #lock}'s check without the lock, for the reads (FETCH without \Seen, SEARCH): a row lock is
     * a write in PostgreSQL (the tuple's xmax), and it would queue readers behind each other and behind
     * deliveries for nothing, since a read changes nothing. A message expunged meanwhile is simply not
     * found, which the listener contract allows (ADR 0035).
     */
    public void check(String user, FolderRef ref) {
        selectedFolder(user, ref, "");
    }

    private Object[] selectedFolder(String user, FolderRef ref, String lock) {
        List<?> rows = em.createNativeQuery("SELECT f.uid_next, f.highest_modseq, f.tenant_id FROM folder f "
                        + "JOIN mailbox b ON b.id = f.mailbox_id "
                        + "WHERE f.id = ?1 AND f.uid_validity = ?2 AND b.address = ?3" + lock)
                .setParameter(1, UUID.fromString(ref.id()))
                .setParameter(2, ref.uidValidity())
                .setParameter(3, user.toLowerCase(Locale.ROOT))
                .getResultList();
        if (rows.isEmpty()) {
            throw new ImapFailure("NONEXISTENT", "folder " + ref.name() + " no longer exists");
        }
        return (Object[]) rows.get(0);
    }

    /** Raises the folder's HIGHESTMODSEQ by one and returns the new value; call with the folder locked. */
    public long nextModseq(UUID folderId) {
        em.createNativeQuery("UPDATE folder SET highest_modseq = highest_modseq + 1 WHERE id = ?1")
                .setParameter(1, folderId).executeUpdate();
        return ((Number) em.createNativeQuery("SELECT highest_modseq FROM folder WHERE id = ?1")
                .setParameter(1, folderId).getSingleResult()).longValue();
    }

    /** A bigint[] parameter as text, for {@code = ANY(CAST(?1 AS bigint[]))}. */
    public static String uidArray(List<Long> uids) {
        return "{" + String.join(",", uids.stream().map(String::valueOf).toList()) + "}";
    }

    /** text[] column value as a list. */
    public static List<String> flags(Object column) {
        if (column instanceof String[] array) {
            return Arrays.asList(array);
        }
        if (column instanceof Object[] array) {
            return Arrays.stream(array).map(String::valueOf).toList();
        }
        return List.of();
    }
}
