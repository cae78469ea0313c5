package fr.mssante.connector.imap;

import fr.mssante.connector.api.imap.AppendResult;
import fr.mssante.connector.api.auth.AuthOutcome;
import fr.mssante.connector.api.auth.ClientConnection;
import fr.mssante.connector.api.auth.Credentials;
import fr.mssante.connector.api.imap.CopyResult;
import fr.mssante.connector.api.imap.DecodedSection;
import fr.mssante.connector.api.imap.FetchItem;
import fr.mssante.connector.api.imap.MessagePart;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import fr.mssante.connector.api.imap.FlagUpdate;
import fr.mssante.connector.api.imap.FolderDelta;
import fr.mssante.connector.api.imap.FolderInfo;
import fr.mssante.connector.api.imap.FolderRef;
import fr.mssante.connector.api.imap.FolderStatus;
import fr.mssante.connector.api.imap.ImapFailure;
import fr.mssante.connector.api.imap.ImapListener;
import fr.mssante.connector.api.imap.MailboxChangeBus;
import fr.mssante.connector.api.imap.MessageData;
import fr.mssante.connector.api.imap.MessageMeta;
import fr.mssante.connector.api.imap.QuotaInfo;
import fr.mssante.connector.api.imap.SearchKey;
import fr.mssante.connector.api.imap.SelectedFolder;
import fr.mssante.connector.api.imap.StoreResult;
import fr.mssante.connector.api.smtp.MessageContent;
import fr.mssante.connector.server.FakeAuthenticator;
import fr.mssante.connector.api.mail.DateHeaderParser;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory mail store implementing the {@link ImapListener} contract faithfully; it documents what
 * the real (JPA) implementation must do:
 * <ul>
 *   <li><b>Folders</b> have a stable id (what {@link MailboxChangeBus#folderChanged} names), a name, a
 *       UIDVALIDITY that changes only when a folder is recreated (a call with a stale {@link FolderRef}
 *       fails with {@code NONEXISTENT}), the next UID and the highest MODSEQ. CREATE makes missing parents;
 *       DELETE of a folder with children fails with {@code HASCHILDREN}; RENAME moves children too, and
 *       renaming INBOX moves its messages into a new folder and leaves INBOX empty.</li>
 *   <li><b>MODSEQ</b> is per folder and strictly increasing: every append, copy-in, flag change (STORE,
 *       implicit \Seen of FETCH) and expunge takes the next value, which becomes the folder's highest.
 *       A STORE that changes nothing leaves the MODSEQ alone but still reports the message.</li>
 *   <li><b>changes(since)</b>: {@code added} are the messages appended after {@code since} (their creation
 *       MODSEQ is greater), {@code changed} the older ones whose MODSEQ is greater, {@code expunged} the
 *       UIDs of the <b>tombstones</b> (kept for every expunge, with its MODSEQ) after {@code since}; this
 *       is what lets the engine send VANISHED to QRESYNC clients.</li>
 *   <li><b>\Recent</b>: each folder keeps the set of its messages no session has claimed as \Recent yet
 *       (every message that arrives joins it). A read-write {@code select} returns them as
 *       {@code recentUids} and empties the set, an EXAMINE returns them and leaves it alone;
 *       {@code changes(since, claimRecent = true)} returns (and removes from the set) those among the
 *       added messages, so that exactly one session reports each new message \Recent. Claiming happens
 *       under the store's lock, hence atomically. \Recent is never stored as a flag.</li>
 *   <li><b>fetch</b> skips UIDs that no longer exist; {@code SET_SEEN} adds \Seen (new MODSEQ) before the
 *       data is returned; {@code headerSize} and {@code parts} come with STRUCTURE or CONTENT.</li>
 *   <li><b>copy</b> allocates the target UIDs in the order of the (ascending) source UIDs, so that
 *       COPYUID lists correspond; {@code move} expunges the sources in the same call (tombstones).</li>
 *   <li><b>expunge</b> removes the \Deleted messages (among {@code uids} if given) and returns their UIDs
 *       ascending.</li>
 *   <li>Refusals are {@link ImapFailure}s: {@code NONEXISTENT}, {@code ALREADYEXISTS}, {@code TRYCREATE}
 *       (APPEND/COPY to a missing folder), {@code OVERQUOTA} (quota of {@link #QUOTA} octets by default),
 *       {@code HASCHILDREN}, {@code CANNOT}.</li>
 *   <li>Every change calls {@link MailboxChangeBus#folderChanged} after it is committed (here: after the
 *       lock is released).</li>
 * </ul>
 * Test hooks: user {@code broken@...} makes every call but authenticate throw an unexpected exception.
 */
public final class FakeImapStore implements ImapListener {

    public static final String DOMAIN = "hopital-demo.mssante.fr";
    public static final String ALICE = "dr.durand@" + DOMAIN;
    public static final String BOB = "dr.petit@" + DOMAIN;
    public static final String BROKEN = "broken@" + DOMAIN;
    public static final String PASSWORD = FakeAuthenticator.PASSWORD;
    static final long QUOTA = 1_048_576;
    private static final AtomicLong IDS = new AtomicLong();

    private final Map<String, Account> accounts = new TreeMap<>();
    /** Passwords for ALICE, BOB and BROKEN, tokens and the certificate: see {@link FakeAuthenticator}. */
    final FakeAuthenticator authenticator = new FakeAuthenticator(Set.of(ALICE, BOB, BROKEN, "slow@" + DOMAIN));
    private long uidValidities = 1000;
    volatile long quotaLimit = QUOTA;

    private static final class Account {
        final Map<String, Folder> folders = new TreeMap<>();
        /** Subscribed names without a folder (RFC 3501 6.3.6). */
        final Set<String> subscribedOnly = new TreeSet<>();
    }

    private static final class Folder {
        final String id = "f" + IDS.incrementAndGet();
        String name;
        final long uidValidity;
        long uidNext = 1;
        long highestModseq = 1;
        /** UIDs of the messages no session has claimed as \Recent yet. */
        final Set<Long> unclaimedRecent = new TreeSet<>();
        boolean subscribed = true;
        final String specialUse;
        final List<Message> messages = new ArrayList<>();
        final List<long[]> tombstones = new ArrayList<>();

        Folder(String name, long uidValidity, String specialUse) {
            this.name = name;
            this.uidValidity = uidValidity;
            this.specialUse = specialUse;
        }

        FolderRef ref() {
            return new FolderRef(id, name, uidValidity);
        }

        long nextModseq() {
            return ++highestModseq;
        }
    }

    private static final class Message {
        final long uid;
        final long createdModseq;
        long modseq;
        final Set<String> flags = new LinkedHashSet<>();
        final OffsetDateTime internalDate;
        final TestMessage parsed;

        Message(long uid, long modseq, List<String> flags, OffsetDateTime internalDate, TestMessage parsed) {
            this.uid = uid;
            this.createdModseq = modseq;
            this.modseq = modseq;
            this.flags.addAll(flags);
            this.internalDate = internalDate;
            this.parsed = parsed;
        }

        MessageMeta meta() {
            return new MessageMeta(uid, modseq, List.copyOf(flags));
        }

        boolean has(String flag) {
            return flags.stream().anyMatch(f -> f.equalsIgnoreCase(flag));
        }
    }

    /** Two users; Alice has the sample messages in INBOX and the special-use folders. */
    public FakeImapStore() {
        for (String user : List.of(ALICE, BOB, BROKEN)) {
            Account account = new Account();
            accounts.put(user, account);
            addFolder(account, "INBOX", null);
        }
        Account alice = accounts.get(ALICE);
        addFolder(alice, "Sent", "\\Sent");
        addFolder(alice, "Drafts", "\\Drafts");
        addFolder(alice, "Trash", "\\Trash");
        addFolder(alice, "Archives/2024", null).subscribed = false;
        Folder inbox = alice.folders.get("INBOX");
        add(inbox, SampleMessages.REPORT, List.of("\\Seen"), OffsetDateTime.parse("2025-01-06T09:15:30+01:00"));
        add(inbox, SampleMessages.RESULTS, List.of(), OffsetDateTime.parse("2025-01-07T10:00:00+01:00"));
        add(inbox, SampleMessages.FORWARD, List.of("\\Flagged"), OffsetDateTime.parse("2025-01-08T11:30:00+01:00"));
    }

    private Folder addFolder(Account account, String name, String specialUse) {
        Folder folder = new Folder(name, ++uidValidities, specialUse);
        account.folders.put(name, folder);
        return folder;
    }

    private static Message add(Folder folder, TestMessage parsed, List<String> flags, OffsetDateTime date) {
        Message message = new Message(folder.uidNext++, folder.nextModseq(), flags, date, parsed);
        folder.messages.add(message);
        folder.unclaimedRecent.add(message.uid);
        return message;
    }

    // ---------------------------------------------------------------- helpers

    private Account account(String user) {
        if (user.equals(BROKEN)) {
            throw new IllegalStateException("database down");
        }
        Account account = accounts.get(user);
        if (account == null) {
            throw new IllegalStateException("unknown user " + user);
        }
        return account;
    }

    private Folder folder(String user, String name) {
        Folder folder = account(user).folders.get(name);
        if (folder == null) {
            throw new ImapFailure("NONEXISTENT", "No such mailbox");
        }
        return folder;
    }

    private Folder folder(String user, FolderRef ref) {
        for (Folder folder : account(user).folders.values()) {
            if (folder.id.equals(ref.id()) && folder.uidValidity == ref.uidValidity()) {
                return folder;
            }
        }
        throw new ImapFailure("NONEXISTENT", "Mailbox was deleted");
    }

    /** The messages of the folder whose UID is in {@code uids}, ascending; UIDs that no longer exist are skipped. */
    private static List<Message> among(Folder folder, List<Long> uids) {
        Set<Long> wanted = Set.copyOf(uids);
        return folder.messages.stream().filter(m -> wanted.contains(m.uid)).toList();
    }

    private static void changed(String user, String folderId) {
        MailboxChangeBus.folderChanged(user, folderId);
    }

    private long used(Account account) {
        return account.folders.values().stream().flatMap(f -> f.messages.stream())
                .mapToLong(m -> m.parsed.content.length).sum();
    }

    // ---------------------------------------------------------------- ImapListener

    @Override
    public AuthOutcome authenticate(ClientConnection connection, Credentials credentials) {
        return authenticator.authenticate(connection, credentials);
    }

    @Override
    public synchronized List<FolderInfo> listFolders(String user) {
        List<FolderInfo> folders = new ArrayList<>();
        account(user).folders.values().forEach(f -> folders.add(new FolderInfo(f.name, f.specialUse, f.subscribed)));
        account(user).subscribedOnly.forEach(name -> folders.add(FolderInfo.subscribedOnly(name)));
        return folders;
    }

    @Override
    public synchronized FolderStatus status(String user, String name) {
        Folder folder = folder(user, name);
        long recent = folder.messages.stream().filter(m -> folder.unclaimedRecent.contains(m.uid)).count();
        long unseen = folder.messages.stream().filter(m -> !m.has("\\Seen")).count();
        long size = folder.messages.stream().mapToLong(m -> m.parsed.content.length).sum();
        return new FolderStatus(folder.name, folder.messages.size(), recent, folder.uidNext, folder.uidValidity,
                unseen, folder.highestModseq, size);
    }

    @Override
    public synchronized void createFolder(String user, String name) {
        Account account = account(user);
        if (account.folders.containsKey(name)) {
            throw new ImapFailure("ALREADYEXISTS", "Mailbox already exists");
        }
        // RFC 3501 6.3.3: missing superior levels are created; none is subscribed unless its name was.
        int slash = name.indexOf('/');
        while (slash > 0) {
            account.folders.computeIfAbsent(name.substring(0, slash), n -> created(account, new Folder(n, ++uidValidities, null)));
            slash = name.indexOf('/', slash + 1);
        }
        created(account, addFolder(account, name, null));
    }

    private static Folder created(Account account, Folder folder) {
        folder.subscribed = account.subscribedOnly.remove(folder.name);
        return folder;
    }

    @Override
    public void deleteFolder(String user, String name) {
        String id;
        synchronized (this) {
            Account account = account(user);
            Folder folder = folder(user, name);
            if (account.folders.keySet().stream().anyMatch(n -> n.startsWith(name + "/"))) {
                throw new ImapFailure("HASCHILDREN", "Mailbox has children");
            }
            account.folders.remove(name);
            if (folder.subscribed) {
                account.subscribedOnly.add(name);
            }
            id = folder.id;
        }
        changed(user, id);
    }

    @Override
    public synchronized void renameFolder(String user, String from, String to) {
        Account account = account(user);
        Folder source = folder(user, from);
        if (account.folders.containsKey(to)) {
            throw new ImapFailure("ALREADYEXISTS", "Target mailbox already exists");
        }
        if (from.equals("INBOX")) {
            Folder target = addFolder(account, to, null);
            for (Message message : source.messages) {
                Message moved = new Message(target.uidNext++, target.nextModseq(), List.copyOf(message.flags),
                        message.internalDate, message.parsed);
                target.messages.add(moved);
                target.unclaimedRecent.add(moved.uid);
                source.tombstones.add(new long[] {message.uid, source.nextModseq()});
            }
            source.messages.clear();
            source.unclaimedRecent.clear();
            return;
        }
        for (String name : List.copyOf(account.folders.keySet())) {
            if (name.equals(from) || name.startsWith(from + "/")) {
                Folder folder = account.folders.remove(name);
                folder.name = to + name.substring(from.length());
                account.folders.put(folder.name, folder);
            }
        }
    }

    @Override
    public synchronized void setSubscribed(String user, String name, boolean subscribed) {
        if (!subscribed && account(user).subscribedOnly.remove(name)) {
            return;
        }
        folder(user, name).subscribed = subscribed;
    }

    @Override
    public synchronized SelectedFolder select(String user, String name, boolean readOnly) {
        Folder folder = folder(user, name);
        List<MessageMeta> metas = new ArrayList<>();
        List<Long> recent = new ArrayList<>();
        Set<String> keywords = new LinkedHashSet<>();
        for (Message message : folder.messages) {
            metas.add(message.meta());
            if (folder.unclaimedRecent.contains(message.uid)) {
                recent.add(message.uid);
            }
            message.flags.stream().filter(f -> !f.startsWith("\\")).forEach(keywords::add);
        }
        if (!readOnly) {
            folder.unclaimedRecent.clear();
        }
        return new SelectedFolder(folder.ref(), folder.uidNext, folder.highestModseq, metas, recent, List.copyOf(keywords), false);
    }

    @Override
    public synchronized FolderDelta changes(String user, FolderRef ref, long sinceModseq, boolean claimRecent) {
        Folder folder = folder(user, ref);
        List<MessageMeta> added = new ArrayList<>();
        List<MessageMeta> changed = new ArrayList<>();
        List<Long> recent = new ArrayList<>();
        for (Message message : folder.messages) {
            if (message.createdModseq > sinceModseq) {
                added.add(message.meta());
                if (claimRecent && folder.unclaimedRecent.remove(message.uid)) {
                    recent.add(message.uid);
                }
            } else if (message.modseq > sinceModseq) {
                changed.add(message.meta());
            }
        }
        List<Long> expunged = folder.tombstones.stream().filter(t -> t[1] > sinceModseq).map(t -> t[0]).sorted().toList();
        return new FolderDelta(folder.highestModseq, folder.uidNext, added, changed, expunged, recent);
    }

    @Override
    public List<MessageData> fetch(String user, FolderRef ref, List<Long> uids, Set<FetchItem> items,
                                   Set<String> decodedSections) {
        List<MessageData> result = new ArrayList<>();
        boolean seenChanged = false;
        String id;
        synchronized (this) {
            Folder folder = folder(user, ref);
            id = folder.id;
            for (Message message : among(folder, uids)) {
                if (items.contains(FetchItem.SET_SEEN) && !message.has("\\Seen")) {
                    message.flags.add("\\Seen");
                    message.modseq = folder.nextModseq();
                    seenChanged = true;
                }
                result.add(data(message, items, decodedSections));
            }
        }
        if (seenChanged) {
            changed(user, id);
        }
        return result;
    }

    private static MessageData data(Message message, Set<FetchItem> items, Set<String> decodedSections) {
        TestMessage parsed = message.parsed;
        boolean structure = items.contains(FetchItem.STRUCTURE);
        boolean content = items.contains(FetchItem.CONTENT);
        return new MessageData(message.uid, message.modseq, List.copyOf(message.flags),
                items.contains(FetchItem.INTERNALDATE) ? message.internalDate : null,
                parsed.content.length,
                items.contains(FetchItem.ENVELOPE) ? parsed.envelope : null,
                structure ? parsed.body : null,
                structure ? parsed.bodyStructure : null,
                structure || content ? parsed.headerSize : 0,
                structure || content ? parsed.parts : null,
                content ? parsed.content : null,
                items.contains(FetchItem.SORT_KEYS) ? parsed.sortKeys : null,
                decoded(parsed, decodedSections));
    }

    /** FETCH BINARY: the leaf parts decoded with mime4j's codecs, as the EJB does; others as they are. */
    private static Map<String, DecodedSection> decoded(TestMessage parsed, Set<String> sections) {
        Map<String, DecodedSection> decoded = new HashMap<>();
        for (String section : sections) {
            if (section.isEmpty()) {
                decoded.put(section, DecodedSection.of(parsed.content));
                continue;
            }
            MessagePart part = parsed.parts.stream().filter(p -> p.section().equals(section)).findFirst().orElse(null);
            if (part == null) {
                decoded.put(section, DecodedSection.missing());
                continue;
            }
            InputStream body = new ByteArrayInputStream(parsed.content, (int) part.bodyOffset(),
                    (int) (part.endOffset() - part.bodyOffset()));
            String encoding = parsed.transferEncodings.getOrDefault(section, "7bit");
            try {
                switch (encoding) {
                    case "base64" -> decoded.put(section, DecodedSection.of(new Base64InputStream(body).readAllBytes()));
                    case "quoted-printable" ->
                            decoded.put(section, DecodedSection.of(new QuotedPrintableInputStream(body, false).readAllBytes()));
                    case "7bit", "8bit", "binary" -> decoded.put(section, DecodedSection.of(body.readAllBytes()));
                    default -> decoded.put(section, DecodedSection.unknown(encoding));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return decoded;
    }

    @Override
    public StoreResult store(String user, FolderRef ref, List<Long> uids, FlagUpdate update, long unchangedSince) {
        List<MessageMeta> updated = new ArrayList<>();
        List<Long> modified = new ArrayList<>();
        boolean any = false;
        String id;
        synchronized (this) {
            Folder folder = folder(user, ref);
            id = folder.id;
            for (Message message : among(folder, uids)) {
                if (unchangedSince >= 0 && message.modseq > unchangedSince) {
                    modified.add(message.uid);
                    continue;
                }
                Set<String> flags = new LinkedHashSet<>(message.flags);
                switch (update.mode()) {
                    case REPLACE -> {
                        flags.clear();
                        flags.addAll(update.flags());
                    }
                    case ADD -> update.flags().stream().filter(f -> !message.has(f)).forEach(flags::add);
                    case REMOVE -> flags.removeIf(f -> update.flags().stream().anyMatch(f::equalsIgnoreCase));
                }
                if (!flags.equals(message.flags)) {
                    message.flags.clear();
                    message.flags.addAll(flags);
                    message.modseq = folder.nextModseq();
                    any = true;
                }
                updated.add(message.meta());
            }
        }
        if (any) {
            changed(user, id);
        }
        return new StoreResult(updated, modified);
    }

    @Override
    public AppendResult append(String user, String name, List<String> flags, OffsetDateTime internalDate,
                               MessageContent content) {
        byte[] bytes;
        try (InputStream in = content.openStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AppendResult result;
        String id;
        synchronized (this) {
            Account account = account(user);
            Folder folder = account.folders.get(name);
            if (folder == null) {
                throw new ImapFailure("TRYCREATE", "No such mailbox");
            }
            if (used(account) + bytes.length > quotaLimit) {
                throw new ImapFailure("OVERQUOTA", "Mailbox is full");
            }
            Message message = add(folder, new TestMessage(bytes), flags, internalDate);
            result = new AppendResult(folder.uidValidity, message.uid);
            id = folder.id;
        }
        changed(user, id);
        return result;
    }

    @Override
    public CopyResult copy(String user, FolderRef source, List<Long> uids, String targetName, boolean move) {
        CopyResult result;
        String sourceId;
        String targetId;
        synchronized (this) {
            Account account = account(user);
            Folder from = folder(user, source);
            Folder to = account.folders.get(targetName);
            if (to == null) {
                throw new ImapFailure("TRYCREATE", "No such mailbox");
            }
            List<Message> copied = among(from, uids);
            long size = copied.stream().mapToLong(m -> m.parsed.content.length).sum();
            if (!move && used(account) + size > quotaLimit) {
                throw new ImapFailure("OVERQUOTA", "Mailbox is full");
            }
            List<Long> sources = new ArrayList<>();
            List<Long> targets = new ArrayList<>();
            for (Message message : copied) {
                Message copy = add(to, message.parsed, List.copyOf(message.flags), message.internalDate);
                sources.add(message.uid);
                targets.add(copy.uid);
            }
            if (move) {
                for (Message message : copied) {
                    from.messages.remove(message);
                    from.unclaimedRecent.remove(message.uid);
                    from.tombstones.add(new long[] {message.uid, from.nextModseq()});
                }
            }
            result = new CopyResult(to.uidValidity, sources, targets);
            sourceId = from.id;
            targetId = to.id;
        }
        changed(user, targetId);
        if (move) {
            changed(user, sourceId);
        }
        return result;
    }

    @Override
    public List<Long> expunge(String user, FolderRef ref, List<Long> uids) {
        List<Long> expunged = new ArrayList<>();
        String id;
        synchronized (this) {
            Folder folder = folder(user, ref);
            id = folder.id;
            for (Message message : List.copyOf(folder.messages)) {
                if (message.has("\\Deleted") && (uids == null || uids.contains(message.uid))) {
                    folder.messages.remove(message);
                    folder.unclaimedRecent.remove(message.uid);
                    folder.tombstones.add(new long[] {message.uid, folder.nextModseq()});
                    expunged.add(message.uid);
                }
            }
        }
        if (!expunged.isEmpty()) {
            changed(user, id);
        }
        return expunged;
    }

    @Override
    public synchronized List<Long> search(String user, FolderRef ref, SearchKey criteria) {
        List<Long> found = new ArrayList<>();
        for (Message message : folder(user, ref).messages) {
            if (matches(criteria, message)) {
                found.add(message.uid);
            }
        }
        return found;
    }

    private static boolean matches(SearchKey key, Message message) {
        if (key instanceof SearchKey.All) {
            return true;
        }
        if (key instanceof SearchKey.And and) {
            return and.keys().stream().allMatch(k -> matches(k, message));
        }
        if (key instanceof SearchKey.Or or) {
            return matches(or.left(), message) || matches(or.right(), message);
        }
        if (key instanceof SearchKey.Not not) {
            return !matches(not.key(), message);
        }
        if (key instanceof SearchKey.Uids uids) {
            return uids.ranges().stream().anyMatch(r -> message.uid >= r[0] && message.uid <= r[1]);
        }
        if (key instanceof SearchKey.Flag flag) {
            return message.has(flag.flag()) == flag.set();
        }
        if (key instanceof SearchKey.Header header) {
            String value = message.parsed.header(header.field());
            return value != null && contains(TestMessage.decoded(value), header.value());
        }
        if (key instanceof SearchKey.Text text) {
            String searched = text.includeHeaders()
                    ? new String(message.parsed.content, StandardCharsets.UTF_8) : message.parsed.text();
            return contains(DecoderUtil.decodeEncodedWords(searched, DecodeMonitor.SILENT), text.value());
        }
        if (key instanceof SearchKey.Date date) {
            OffsetDateTime when = date.sentDate() ? DateHeaderParser.parse(message.parsed.header("Date")) : message.internalDate;
            if (when == null) {
                return false;
            }
            LocalDate day = when.toLocalDate();
            return switch (date.comparison()) {
                case BEFORE -> day.isBefore(date.date());
                case ON -> day.isEqual(date.date());
                case SINCE -> !day.isBefore(date.date());
            };
        }
        if (key instanceof SearchKey.Size size) {
            long octets = message.parsed.content.length;
            return size.larger() ? octets > size.octets() : octets < size.octets();
        }
        if (key instanceof SearchKey.ModSeq modSeq) {
            return message.modseq >= modSeq.modseq();
        }
        throw new IllegalArgumentException("unknown key " + key);
    }

    private static boolean contains(String text, String value) {
        return text.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT));
    }

    @Override
    public synchronized QuotaInfo quota(String user) {
        return new QuotaInfo("User quota", used(account(user)), quotaLimit);
    }
}
