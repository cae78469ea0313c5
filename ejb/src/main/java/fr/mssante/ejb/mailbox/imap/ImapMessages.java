package fr.mssante.ejb.mailbox.imap;

import fr.mssante.ejb.persistence.NativeColumns;
import fr.mssante.connector.api.imap.AppendResult;
import fr.mssante.connector.api.imap.CopyResult;
import fr.mssante.connector.api.imap.FetchItem;
import fr.mssante.connector.api.imap.FlagUpdate;
import fr.mssante.connector.api.imap.FolderRef;
import fr.mssante.connector.api.imap.ImapFailure;
import fr.mssante.connector.api.imap.MessageData;
import fr.mssante.connector.api.imap.MessageMeta;
import fr.mssante.connector.api.imap.MessagePart;
import fr.mssante.connector.api.imap.SearchKey;
import fr.mssante.connector.api.imap.SortKeys;
import fr.mssante.connector.api.imap.StoreResult;
import fr.mssante.connector.api.smtp.MessageContent;
import fr.mssante.ejb.delivery.ContentIndexer;
import fr.mssante.ejb.delivery.mime.ParsedMessage;
import fr.mssante.ejb.mailbox.BlobStore;
import fr.mssante.ejb.mailbox.Folder;
import fr.mssante.ejb.mailbox.FolderAppender;
import fr.mssante.ejb.mailbox.FolderEvents;
import fr.mssante.ejb.mailbox.Mailbox;
import fr.mssante.ejb.mailbox.search.SearchCandidate;
import fr.mssante.ejb.mailbox.search.SearchEvaluator;
import fr.mssante.ejb.mailbox.search.SearchNeeds;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

/** Message-level IMAP operations: FETCH, STORE, APPEND, COPY/MOVE, EXPUNGE, SEARCH. */
@Stateless
public class ImapMessages {

    private static final String SEEN = "\\Seen";
    private static final String DELETED = "\\Deleted";

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    @EJB
    private ImapAccess access;

    @EJB
    private BlobStore blobs;

    @EJB
    private ContentIndexer indexer;

    @EJB
    private FolderAppender appender;

    @EJB
    private FolderEvents events;

    public List<MessageData> fetch(String user, FolderRef ref, List<Long> uids, Set<FetchItem> items,
                                   Set<String> decodedSections) {
        if (uids.isEmpty()) {
            return List.of();
        }
        if (items.contains(FetchItem.SET_SEEN)) {
            access.lock(user, ref);
            updateFlags(user, UUID.fromString(ref.id()), uids, new FlagUpdate(FlagUpdate.Mode.ADD, List.of(SEEN)), -1);
        }
        boolean structure = items.contains(FetchItem.STRUCTURE);
        boolean parts = items.contains(FetchItem.PARTS);
        boolean envelope = items.contains(FetchItem.ENVELOPE);
        boolean sortKeys = items.contains(FetchItem.SORT_KEYS);
        boolean decoding = !decodedSections.isEmpty();
        boolean content = items.contains(FetchItem.CONTENT) || decoding;
        // Only the columns asked for: SORT over a large folder reads a few short keys per message, not the
        // ENVELOPE and BODYSTRUCTURE texts. The stored bytes come in the same statement as the rest (ADR 0038),
        // not one BlobStore read per message.
        List<Object[]> rows = access.readSelected(user, ref, "m.uid, m.modseq, m.flags, m.internal_date, m.rfc822_size, "
                        + (envelope ? "c.imap_envelope" : "NULL") + ", "
                        + (structure ? "c.imap_body, c.imap_bodystructure" : "NULL, NULL") + ", c.header_size, "
                        + (parts || decoding ? "c.structure_json" : "NULL") + ", m.blob_sha256, "
                        + (sortKeys ? SORT_KEY_COLUMNS : "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL") + ", "
                        + (content ? "bl.content" : "NULL"),
                content ? " JOIN blob bl ON bl.sha256 = m.blob_sha256" : "",
                " AND m.uid = ANY(CAST(? AS bigint[]))", List.of(ImapAccess.uidArray(uids)));
        Map<String, SortKeys> backfilled = sortKeys ? backfillSortKeys(rows) : Map.of();
        List<MessageData> result = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            // The structure JSON is the one costly column to parse: only for BODY[<part>] and BINARY (ADR 0035).
            ParsedMessage parsed = parts || decoding ? ParsedMessage.fromJson((String) r[9]) : null;
            List<MessagePart> table = parts ? parts(parsed) : null;
            byte[] raw = (byte[]) r[19];
            String sha256 = (String) r[10];
            SortKeys keys = !sortKeys ? null : backfilled.containsKey(sha256) ? backfilled.get(sha256) : sortKeys(r);
            result.add(new MessageData(num(r[0]), num(r[1]), ImapAccess.flags(r[2]), date(r[3]), num(r[4]),
                    (String) r[5], (String) r[6], (String) r[7], num(r[8]), table,
                    items.contains(FetchItem.CONTENT) ? raw : null, keys,
                    decoding ? DecodedSections.of(raw, parsed, decodedSections) : null));
        }
        return result;
    }

    /** Columns 11 to 18 of a fetch row: the typed SORT/THREAD keys of V13 (ADR 0033). */
    private static final String SORT_KEY_COLUMNS = "c.sent_date, c.base_subject, c.reply_or_forward, c.sort_from, "
            + "c.sort_to, c.sort_cc, c.message_id, c.thread_references";

    private static SortKeys sortKeys(Object[] r) {
        String references = (String) r[18];
        return new SortKeys(date(r[11]), (String) r[12], (Boolean) r[13], (String) r[14], (String) r[15],
                (String) r[16], (String) r[17], references.isEmpty() ? List.of() : List.of(references.split(" ")));
    }

    /**
     * Content parsed before V13 has no sort keys yet (base_subject NULL): they are computed once from the
     * stored message and kept. In blob order, so two sessions backfilling the same contents lock the rows in
     * the same order and cannot deadlock.
     */
    private Map<String, SortKeys> backfillSortKeys(List<Object[]> rows) {
        Map<String, SortKeys> keys = new TreeMap<>();
        for (Object[] r : rows) {
            if (r[12] == null) {
                keys.put((String) r[10], null);
            }
        }
        keys.replaceAll((sha256, none) -> indexer.backfillSortKeys(sha256));
        return keys;
    }

    public StoreResult store(String user, FolderRef ref, List<Long> uids, FlagUpdate update, long unchangedSince) {
        access.lock(user, ref);
        return updateFlags(user, UUID.fromString(ref.id()), uids, update, unchangedSince);
    }

    /** Call with the folder locked. */
    private StoreResult updateFlags(String user, UUID folderId, List<Long> uids, FlagUpdate update,
                                    long unchangedSince) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT uid, modseq, flags FROM message WHERE folder_id = ?1 "
                        + "AND uid = ANY(CAST(?2 AS bigint[])) ORDER BY uid")
                .setParameter(1, folderId).setParameter(2, ImapAccess.uidArray(uids)).getResultList();
        List<MessageMeta> updated = new ArrayList<>();
        List<Long> modified = new ArrayList<>();
        long newModseq = -1;
        for (Object[] r : rows) {
            long uid = num(r[0]);
            long modseq = num(r[1]);
            List<String> current = ImapAccess.flags(r[2]);
            if (unchangedSince >= 0 && modseq > unchangedSince) {
                modified.add(uid); // RFC 7162 3.1.3
                continue;
            }
            List<String> next = apply(current, update);
            if (sameFlags(current, next)) {
                updated.add(new MessageMeta(uid, modseq, current));
                continue;
            }
            if (newModseq < 0) {
                newModseq = access.nextModseq(folderId);
            }
            // first_read_at: the READ step of the message trace, the first time \Seen is set (kept after).
            em.createNativeQuery("UPDATE message SET flags = CAST(?1 AS text[]), modseq = ?2, first_read_at = "
                            + "CASE WHEN '\\Seen' = ANY(CAST(?1 AS text[])) THEN coalesce(first_read_at, now()) "
                            + "ELSE first_read_at END WHERE folder_id = ?3 AND uid = ?4")
                    .setParameter(1, textArray(next)).setParameter(2, newModseq)
                    .setParameter(3, folderId).setParameter(4, uid).executeUpdate();
            updated.add(new MessageMeta(uid, newModseq, next));
        }
        if (newModseq >= 0) {
            events.changed(user, folderId);
        }
        return new StoreResult(updated, modified);
    }

    public AppendResult append(String user, String folderName, List<String> flags, OffsetDateTime internalDate,
                               MessageContent content) {
        Mailbox mailbox = access.mailbox(user);
        Folder folder = access.target(mailbox, folderName);
        checkQuota(mailbox, content.size());
        String sha256 = blobs.store(() -> {
            try {
                return content.openStream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, content.size());
        indexer.index(sha256);
        long uid = appender.append(folder.getId(), sha256, null,
                internalDate == null ? OffsetDateTime.now(ZoneOffset.UTC) : internalDate, content.size(),
                storableFlags(flags)).orElseThrow();
        events.changed(user, folder.getId());
        return new AppendResult(folder.getUidValidity(), uid);
    }

    public CopyResult copy(String user, FolderRef source, List<Long> uids, String targetName, boolean move) {
        Mailbox mailbox = access.mailbox(user);
        Folder target = access.target(mailbox, targetName);
        access.lock(user, source);
        UUID sourceId = UUID.fromString(source.id());
        if (!move) {
            @SuppressWarnings("unchecked")
            List<Number> sizes = em.createNativeQuery("SELECT rfc822_size FROM message WHERE folder_id = ?1 "
                            + "AND uid = ANY(CAST(?2 AS bigint[]))")
                    .setParameter(1, sourceId).setParameter(2, ImapAccess.uidArray(uids)).getResultList();
            checkQuota(mailbox, sizes.stream().mapToLong(Number::longValue).sum());
        }
        CopyResult result = copyInto(sourceId, uids, target);
        if (move) {
            expungeUids(sourceId, result.sourceUids());
            events.changed(user, sourceId);
        }
        events.changed(user, target.getId());
        return result;
    }

    /** RENAME INBOX: every message of the source moves to the target. */
    void moveAll(String user, Folder source, Folder target, List<Long> uids) {
        copyInto(source.getId(), uids, target);
        expungeUids(source.getId(), uids);
        events.changed(user, source.getId());
    }

    private CopyResult copyInto(UUID sourceId, List<Long> uids, Folder target) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT uid, blob_sha256, internal_date, rfc822_size, flags "
                        + "FROM message WHERE folder_id = ?1 AND uid = ANY(CAST(?2 AS bigint[])) ORDER BY uid")
                .setParameter(1, sourceId).setParameter(2, ImapAccess.uidArray(uids)).getResultList();
        List<Long> sourceUids = new ArrayList<>();
        List<Long> targetUids = new ArrayList<>();
        for (Object[] r : rows) {
            sourceUids.add(num(r[0]));
            targetUids.add(appender.append(target.getId(), (String) r[1], null, date(r[2]), num(r[3]),
                    ImapAccess.flags(r[4])).orElseThrow());
        }
        return new CopyResult(target.getUidValidity(), sourceUids, targetUids);
    }

    public List<Long> expunge(String user, FolderRef ref, List<Long> uids) {
        access.lock(user, ref);
        UUID folderId = UUID.fromString(ref.id());
        // UID EXPUNGE (RFC 4315) restricts the expunge to the given UIDs; plain EXPUNGE takes them all.
        var query = em.createNativeQuery("SELECT uid FROM message WHERE folder_id = ?1 "
                        + "AND '" + DELETED + "' = ANY(flags)"
                        + (uids == null ? "" : " AND uid = ANY(CAST(?2 AS bigint[]))") + " ORDER BY uid")
                .setParameter(1, folderId);
        if (uids != null) {
            query.setParameter(2, ImapAccess.uidArray(uids));
        }
        @SuppressWarnings("unchecked")
        List<Number> deleted = query.getResultList();
        List<Long> expunged = deleted.stream().map(Number::longValue).toList();
        if (!expunged.isEmpty()) {
            expungeUids(folderId, expunged);
            events.changed(user, folderId);
        }
        return expunged;
    }

    /** Deletes the messages and leaves tombstones with a new MODSEQ (QRESYNC VANISHED, RFC 7162 3.2.10). */
    private void expungeUids(UUID folderId, List<Long> uids) {
        long modseq = access.nextModseq(folderId);
        em.createNativeQuery("INSERT INTO expunged_message (folder_id, uid, modseq, tenant_id) SELECT folder_id, uid, ?3, tenant_id "
                        + "FROM message WHERE folder_id = ?1 AND uid = ANY(CAST(?2 AS bigint[])) "
                        + "ON CONFLICT (folder_id, uid) DO UPDATE SET modseq = EXCLUDED.modseq")
                .setParameter(1, folderId).setParameter(2, ImapAccess.uidArray(uids)).setParameter(3, modseq)
                .executeUpdate();
        em.createNativeQuery("DELETE FROM message WHERE folder_id = ?1 AND uid = ANY(CAST(?2 AS bigint[]))")
                .setParameter(1, folderId).setParameter(2, ImapAccess.uidArray(uids)).executeUpdate();
    }

    public List<Long> search(String user, FolderRef ref, SearchKey criteria) {
        SearchNeeds needs = SearchNeeds.of(criteria);
        Predicate<SearchCandidate> matches = SearchEvaluator.compile(criteria);
        List<Object[]> rows = access.readSelected(user, ref, "m.uid, m.modseq, m.flags, m.internal_date, m.rfc822_size, "
                        + (needs.headers() ? "c.header_text" : "NULL") + ", "
                        + (needs.body() ? "c.search_text" : "NULL"), "", "", List.of());
        List<Long> found = new ArrayList<>();
        for (Object[] r : rows) {
            SearchCandidate candidate = new SearchCandidate(num(r[0]), num(r[1]), ImapAccess.flags(r[2]), date(r[3]),
                    num(r[4]), (String) r[5], (String) r[6]);
            if (matches.test(candidate)) {
                found.add(candidate.uid());
            }
        }
        return found;
    }

    List<Long> allUids(UUID folderId) {
        @SuppressWarnings("unchecked")
        List<Number> uids = em.createNativeQuery("SELECT uid FROM message WHERE folder_id = ?1 ORDER BY uid")
                .setParameter(1, folderId).getResultList();
        return uids.stream().map(Number::longValue).toList();
    }

    /** Octets used by every message of the mailbox (RFC 9208 STORAGE). */
    long usage(UUID mailboxId) {
        return num(em.createNativeQuery("SELECT coalesce(sum(m.rfc822_size), 0) FROM message m "
                        + "JOIN folder f ON f.id = m.folder_id WHERE f.mailbox_id = ?1")
                .setParameter(1, mailboxId).getSingleResult());
    }

    private void checkQuota(Mailbox mailbox, long adding) {
        if (usage(mailbox.getId()) + adding > mailbox.getQuotaBytes()) {
            throw new ImapFailure("OVERQUOTA", "mailbox quota of " + mailbox.getQuotaBytes() + " octets exceeded");
        }
    }

    private static List<String> apply(List<String> current, FlagUpdate update) {
        Set<String> next = new LinkedHashSet<>();
        if (update.mode() != FlagUpdate.Mode.REPLACE) {
            next.addAll(current);
        }
        switch (update.mode()) {
            case REPLACE, ADD -> update.flags().forEach(f -> addFlag(next, f));
            case REMOVE -> update.flags().forEach(f -> next.removeIf(x -> x.equalsIgnoreCase(f)));
        }
        next.removeIf(f -> f.equalsIgnoreCase("\\Recent")); // session state, never stored (RFC 3501 2.3.2)
        return List.copyOf(next);
    }

    private static void addFlag(Set<String> flags, String flag) {
        if (flags.stream().noneMatch(f -> f.equalsIgnoreCase(flag))) {
            flags.add(flag);
        }
    }

    private static List<String> storableFlags(List<String> flags) {
        return apply(List.of(), new FlagUpdate(FlagUpdate.Mode.REPLACE, flags == null ? List.of() : flags));
    }

    private static boolean sameFlags(List<String> a, List<String> b) {
        return a.size() == b.size() && a.stream().allMatch(x -> b.stream().anyMatch(x::equalsIgnoreCase));
    }

    /** A text[] literal; flags are atoms (no spaces, quotes or braces) so quoting each is enough. */
    private static String textArray(List<String> flags) {
        return "{" + String.join(",", flags.stream().map(f -> "\"" + f.replace("\\", "\\\\") + "\"").toList()) + "}";
    }

    private static List<MessagePart> parts(ParsedMessage parsed) {
        return parsed.parts().stream()
                .map(p -> new MessagePart(p.section(), p.contentType(), p.headerOffset(), p.bodyOffset(),
                        p.endOffset(), p.messageBodyOffset()))
                .toList();
    }

    private static OffsetDateTime date(Object column) {
        return NativeColumns.timestamp(column);
    }

    private static long num(Object o) {
        return ((Number) o).longValue();
    }
}
