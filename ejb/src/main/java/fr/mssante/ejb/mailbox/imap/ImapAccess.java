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
import org.hibernate.Session;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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
     * The rows of a read of the selected folder's messages, with {@link #lock}'s check folded into the same
     * statement (ADR 0038): one round trip instead of a check then a read. The folder is the outer side of
     * a left join, so an existing folder always gives at least one row (with a null {@code m.uid} when no
     * message matches) and a folder that is gone, renumbered (another UIDVALIDITY) or not the user's gives
     * none, which is {@code NO [NONEXISTENT]} as before. Without a lock, as for every read: a row lock is a
     * write in PostgreSQL (the tuple's xmax) and would queue readers behind each other and behind deliveries
     * for nothing; a message expunged meanwhile is simply not found, which the listener contract allows
     * (ADR 0035).
     *
     * <p>Over the transaction's JDBC connection, not a JPA native query: a FETCH of 20 bodies is 20 calls
     * of this, and Hibernate's parameter binding and per-column type resolution of the wide rows were most
     * of its CPU (ADR 0038). Nothing pending in the persistence context concerns these tables (the message
     * changes of the IMAP operations are native statements, executed at once), so the auto-flush a JPA query
     * would do is not needed. Column values are the driver's: {@code text[]} comes as {@code String[]},
     * {@code timestamptz} as {@link java.sql.Timestamp} (see {@code NativeColumns}).
     *
     * @param columns     the select list over {@code message m} and {@code message_content c} (and what
     *                    {@code joins} adds); the first column must be {@code m.uid}
     * @param joins       more inner joins on the message side (e.g. the blob), or empty
     * @param messageCondition more conditions on the message side ({@code AND ...}) with {@code ?}
     *                    placeholders, or empty
     * @param parameters  the values of {@code messageCondition}'s placeholders, in order
     * @return the message rows in UID order
     */
    public List<Object[]> readSelected(String user, FolderRef ref, String columns, String joins,
                                       String messageCondition, List<Object> parameters) {
        String sql = "SELECT " + columns + " FROM folder f JOIN mailbox b ON b.id = f.mailbox_id "
                + "LEFT JOIN (message m JOIN message_content c ON c.blob_sha256 = m.blob_sha256" + joins
                + ") ON m.folder_id = f.id" + messageCondition
                + " WHERE f.id = ? AND f.uid_validity = ? AND b.address = ? ORDER BY m.uid";
        List<Object[]> rows = em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement read = connection.prepareStatement(sql)) {
                int i = 0;
                for (Object parameter : parameters) {
                    read.setObject(++i, parameter);
                }
                read.setObject(++i, UUID.fromString(ref.id()));
                read.setLong(++i, ref.uidValidity());
                read.setString(++i, user.toLowerCase(Locale.ROOT));
                return rows(read);
            }
        });
        if (rows.isEmpty()) {
            throw new ImapFailure("NONEXISTENT", "folder " + ref.name() + " no longer exists");
        }
        return rows.stream().filter(r -> r[0] != null).toList();
    }

    private static List<Object[]> rows(PreparedStatement statement) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            int width = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Object[] row = new Object[width];
                for (int c = 0; c < width; c++) {
                    Object value = rs.getObject(c + 1);
                    row[c] = value instanceof Array array ? array.getArray() : value;
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The selected folder found by name and locked in one statement, with what SELECT answers about it. */
    public record LockedFolder(FolderRef ref, long uidNext, long highestModseq) {
    }

    /**
     * SELECT/EXAMINE's look-up (ADR 0038): the active mailbox, its folder by name and the folder's lock in
     * one statement, instead of the mailbox, the folder, then {@link #lock}. When nothing is found the
     * separate look-ups run, so that the refusal says which one failed exactly as before (a rare path).
     */
    public LockedFolder lockByName(String user, String name) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT f.id, f.name, f.uid_validity, f.uid_next, f.highest_modseq "
                        + "FROM folder f JOIN mailbox b ON b.id = f.mailbox_id "
                        + "WHERE b.address = ?1 AND b.status = 'ACTIVE' AND f.name = ?2 FOR UPDATE OF f")
                .setParameter(1, user.strip().toLowerCase(Locale.ROOT))
                .setParameter(2, canonical(name))
                .getResultList();
        if (rows.isEmpty()) {
            Folder folder = folder(mailbox(user), name);
            FolderRef ref = new FolderRef(folder.getId().toString(), folder.getName(), folder.getUidValidity());
            Object[] counters = lock(user, ref);
            return new LockedFolder(ref, number(counters[0]), number(counters[1]));
        }
        Object[] r = rows.get(0);
        return new LockedFolder(new FolderRef(r[0].toString(), (String) r[1], number(r[2])), number(r[3]), number(r[4]));
    }

    private static long number(Object column) {
        return ((Number) column).longValue();
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
