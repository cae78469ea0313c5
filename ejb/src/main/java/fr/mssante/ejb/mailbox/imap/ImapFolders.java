package fr.mssante.ejb.mailbox.imap;

import fr.mssante.connector.api.imap.FolderDelta;
import fr.mssante.connector.api.imap.FolderInfo;
import fr.mssante.connector.api.imap.FolderRef;
import fr.mssante.connector.api.imap.FolderStatus;
import fr.mssante.connector.api.imap.ImapFailure;
import fr.mssante.connector.api.imap.MessageMeta;
import fr.mssante.connector.api.imap.QuotaInfo;
import fr.mssante.connector.api.imap.SelectedFolder;
import fr.mssante.ejb.mailbox.Folder;
import fr.mssante.ejb.mailbox.Mailbox;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/** Folder-level IMAP operations: LIST, STATUS, CREATE, DELETE, RENAME, SUBSCRIBE, SELECT, updates, QUOTA. */
@Stateless
public class ImapFolders {

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    @EJB
    private ImapAccess access;

    @EJB
    private ImapMessages messages;

    public List<FolderInfo> list(String user) {
        Mailbox mailbox = access.mailbox(user);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT name, special_use, subscribed, true FROM folder WHERE mailbox_id = ?1 "
                                + "UNION ALL SELECT name, NULL, true, false FROM subscription_without_folder "
                                + "WHERE mailbox_id = ?1 ORDER BY 1")
                .setParameter(1, mailbox.getId()).getResultList();
        return rows.stream().map(r -> new FolderInfo((String) r[0], (String) r[1], (Boolean) r[2], (Boolean) r[3]))
                .toList();
    }

    public FolderStatus status(String user, String name) {
        Folder folder = access.folder(access.mailbox(user), name);
        Object[] c = (Object[]) em.createNativeQuery("SELECT count(*), count(*) FILTER (WHERE recent), "
                        + "count(*) FILTER (WHERE NOT ('\\Seen' = ANY(flags))), coalesce(sum(rfc822_size), 0) "
                        + "FROM message WHERE folder_id = ?1")
                .setParameter(1, folder.getId()).getSingleResult();
        em.refresh(folder);
        return new FolderStatus(folder.getName(), num(c[0]), num(c[1]), folder.getUidNext(), folder.getUidValidity(),
                num(c[2]), folder.getHighestModseq(), num(c[3]));
    }

    public void create(String user, String rawName) {
        Mailbox mailbox = access.mailbox(user);
        String name = validName(rawName);
        if (exists(mailbox, name)) {
            throw new ImapFailure("ALREADYEXISTS", "folder " + name + " already exists");
        }
        // RFC 3501 6.3.3: create the missing superior names too.
        String[] levels = name.split(ImapAccess.DELIMITER);
        StringBuilder path = new StringBuilder();
        for (String level : levels) {
            path.append(path.length() == 0 ? "" : ImapAccess.DELIMITER).append(level);
            if (!exists(mailbox, path.toString())) {
                Folder folder = new Folder(mailbox, path.toString(), null, nextUidValidity());
                // RFC 3501 6.3.3 does not subscribe; a name subscribed before (6.3.6) stays subscribed.
                folder.setSubscribed(forgetSubscriptionWithoutFolder(mailbox, folder.getName()));
                em.persist(folder);
            }
        }
        em.flush();
    }

    public void delete(String user, String name) {
        Mailbox mailbox = access.mailbox(user);
        Folder folder = access.folder(mailbox, name);
        if (Folder.INBOX.equals(folder.getName())) {
            throw new ImapFailure("CANNOT", "INBOX cannot be deleted");
        }
        if (hasChildren(mailbox, folder.getName())) {
            throw new ImapFailure("INUSE", "folder " + name + " has subfolders: delete them first");
        }
        em.createNativeQuery("DELETE FROM folder WHERE id = ?1").setParameter(1, folder.getId()).executeUpdate();
        if (folder.isSubscribed()) {
            // RFC 3501 6.3.6: the subscription outlives the folder.
            em.createNativeQuery("INSERT INTO subscription_without_folder (tenant_id, mailbox_id, name) "
                            + "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                    .setParameter(1, mailbox.getTenantId()).setParameter(2, mailbox.getId())
                    .setParameter(3, folder.getName()).executeUpdate();
        }
        em.detach(folder);
    }

    public void rename(String user, String from, String rawTo) {
        Mailbox mailbox = access.mailbox(user);
        Folder source = access.folder(mailbox, from);
        String to = validName(rawTo);
        if (exists(mailbox, to)) {
            throw new ImapFailure("ALREADYEXISTS", "folder " + to + " already exists");
        }
        if (Folder.INBOX.equals(source.getName())) {
            // RFC 3501 6.3.5: renaming INBOX moves its messages to a new folder; INBOX stays, empty.
            create(user, to);
            Folder target = access.folder(mailbox, to);
            List<Long> all = messages.allUids(source.getId());
            if (!all.isEmpty()) {
                messages.moveAll(user, source, target, all);
            }
            return;
        }
        if (to.startsWith(source.getName() + ImapAccess.DELIMITER)) {
            throw new ImapFailure("CANNOT", "a folder cannot be moved into itself");
        }
        // The folder and its inferiors keep their UIDs and UIDVALIDITY: only the names change.
        em.createNativeQuery("UPDATE folder SET name = ?1 || substr(name, ?2) WHERE mailbox_id = ?3 "
                        + "AND (name = ?4 OR name LIKE ?5)")
                .setParameter(1, to)
                .setParameter(2, source.getName().length() + 1)
                .setParameter(3, mailbox.getId())
                .setParameter(4, source.getName())
                .setParameter(5, likePrefix(source.getName() + ImapAccess.DELIMITER))
                .executeUpdate();
        em.clear();
    }

    public void subscribe(String user, String name, boolean subscribed) {
        Mailbox mailbox = access.mailbox(user);
        if (!subscribed && forgetSubscriptionWithoutFolder(mailbox, name)) {
            return;
        }
        // RFC 3501 6.3.6 lets the server check that a name to subscribe exists: it does.
        Folder folder = access.folder(mailbox, name);
        em.createNativeQuery("UPDATE folder SET subscribed = ?1 WHERE id = ?2")
                .setParameter(1, subscribed).setParameter(2, folder.getId()).executeUpdate();
    }

    public SelectedFolder select(String user, String name, boolean readOnly) {
        ImapAccess.LockedFolder folder = access.lockByName(user, name);
        UUID folderId = UUID.fromString(folder.ref().id());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT uid, modseq, flags, recent FROM message WHERE folder_id = ?1 ORDER BY uid")
                .setParameter(1, folderId).getResultList();
        List<MessageMeta> all = new ArrayList<>(rows.size());
        List<Long> recent = new ArrayList<>();
        TreeSet<String> keywords = new TreeSet<>();
        for (Object[] r : rows) {
            MessageMeta meta = new MessageMeta(num(r[0]), num(r[1]), ImapAccess.flags(r[2]));
            all.add(meta);
            if ((Boolean) r[3]) {
                recent.add(meta.uid());
            }
            meta.flags().stream().filter(f -> !f.startsWith("\\")).forEach(keywords::add);
        }
        if (!readOnly && !recent.isEmpty()) {
            // RFC 3501 2.3.2: \Recent goes to the first session that selects the folder read-write.
            em.createNativeQuery("UPDATE message SET recent = false WHERE folder_id = ?1 AND recent")
                    .setParameter(1, folderId).executeUpdate();
        }
        return new SelectedFolder(folder.ref(), folder.uidNext(), folder.highestModseq(), all, recent,
                List.copyOf(keywords), readOnly);
    }

    /**
     * {@link fr.mssante.connector.api.imap.ImapListener#changes}: with {@code claimRecent}, the added
     * messages still flagged {@code recent} are claimed for the caller (RFC 3501 2.3.2). The folder row is
     * locked first ({@link ImapAccess#lock}), which serialises claimers with each other and with SELECT,
     * and the claimed rows are locked too: no two sessions get the same UID.
     */
    public FolderDelta changes(String user, FolderRef ref, long sinceModseq, boolean claimRecent) {
        Object[] counters = access.lock(user, ref);
        UUID folderId = UUID.fromString(ref.id());
        List<MessageMeta> added = metas("SELECT uid, modseq, flags FROM message WHERE folder_id = ?1 "
                + "AND created_modseq > ?2 ORDER BY uid", folderId, sinceModseq);
        List<MessageMeta> changed = metas("SELECT uid, modseq, flags FROM message WHERE folder_id = ?1 "
                + "AND modseq > ?2 AND created_modseq <= ?2 ORDER BY uid", folderId, sinceModseq);
        @SuppressWarnings("unchecked")
        List<Number> expunged = em.createNativeQuery("SELECT uid FROM expunged_message WHERE folder_id = ?1 "
                        + "AND modseq > ?2 ORDER BY uid")
                .setParameter(1, folderId).setParameter(2, sinceModseq).getResultList();
        List<Long> recent = claimRecent ? claimRecent(folderId, sinceModseq) : List.of();
        return new FolderDelta(num(counters[1]), num(counters[0]), added, changed,
                expunged.stream().map(Number::longValue).toList(), recent);
    }

    /** Takes \Recent for the messages created after {@code since} that no session has claimed; folder locked. */
    private List<Long> claimRecent(UUID folderId, long since) {
        @SuppressWarnings("unchecked")
        List<Number> rows = em.createNativeQuery("SELECT uid FROM message WHERE folder_id = ?1 AND recent "
                        + "AND created_modseq > ?2 ORDER BY uid FOR UPDATE")
                .setParameter(1, folderId).setParameter(2, since).getResultList();
        List<Long> uids = rows.stream().map(Number::longValue).toList();
        if (!uids.isEmpty()) {
            em.createNativeQuery("UPDATE message SET recent = false WHERE folder_id = ?1 "
                            + "AND uid = ANY(CAST(?2 AS bigint[]))")
                    .setParameter(1, folderId).setParameter(2, ImapAccess.uidArray(uids)).executeUpdate();
        }
        return uids;
    }

    public QuotaInfo quota(String user) {
        Mailbox mailbox = access.mailbox(user);
        return new QuotaInfo("", messages.usage(mailbox.getId()), mailbox.getQuotaBytes());
    }

    private List<MessageMeta> metas(String sql, UUID folderId, long since) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(sql).setParameter(1, folderId).setParameter(2, since).getResultList();
        return rows.stream().map(r -> new MessageMeta(num(r[0]), num(r[1]), ImapAccess.flags(r[2]))).toList();
    }

    private boolean exists(Mailbox mailbox, String name) {
        return !em.createNativeQuery("SELECT 1 FROM folder WHERE mailbox_id = ?1 AND name = ?2")
                .setParameter(1, mailbox.getId()).setParameter(2, ImapAccess.canonical(name))
                .getResultList().isEmpty();
    }

    /** Removes a subscribed name that has no folder; whether there was one. */
    private boolean forgetSubscriptionWithoutFolder(Mailbox mailbox, String name) {
        return em.createNativeQuery("DELETE FROM subscription_without_folder WHERE mailbox_id = ?1 AND name = ?2")
                .setParameter(1, mailbox.getId()).setParameter(2, ImapAccess.canonical(name)).executeUpdate() > 0;
    }

    private boolean hasChildren(Mailbox mailbox, String name) {
        return !em.createNativeQuery("SELECT 1 FROM folder WHERE mailbox_id = ?1 AND name LIKE ?2")
                .setParameter(1, mailbox.getId()).setParameter(2, likePrefix(name + ImapAccess.DELIMITER))
                .getResultList().isEmpty();
    }

    private long nextUidValidity() {
        return num(em.createNativeQuery("SELECT nextval('uid_validity_seq')").getSingleResult());
    }

    /** A folder name the store accepts: not empty, no empty level, at most 255 characters. */
    private static String validName(String raw) {
        String name = ImapAccess.canonical(raw == null ? "" : raw.strip());
        if (name.endsWith(ImapAccess.DELIMITER)) {
            name = name.substring(0, name.length() - 1); // RFC 3501 6.3.3: a trailing delimiter is a hint
        }
        if (name.isEmpty() || name.length() > 255 || name.startsWith(ImapAccess.DELIMITER)
                || name.contains(ImapAccess.DELIMITER + ImapAccess.DELIMITER)
                || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '*' || c == '%')) {
            throw new ImapFailure("CANNOT", "invalid folder name '" + raw + "'");
        }
        return name;
    }

    private static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    static long num(Object o) {
        return ((Number) o).longValue();
    }
}
