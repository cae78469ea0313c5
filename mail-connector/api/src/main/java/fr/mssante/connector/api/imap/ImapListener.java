package fr.mssante.connector.api.imap;

import fr.mssante.connector.api.auth.MailAuthenticator;

import fr.mssante.connector.api.smtp.MessageContent;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * Message listener interface of the IMAP server in the mail resource adapter: everything the IMAP
 * engine needs from the mail store. The engine keeps the per-session state (selected folder, the
 * sequence-number map, what the client has been told); the application keeps the mailboxes.
 *
 * <p>Contract, as for SMTP: each call is one container-managed transaction, committed before it
 * returns; the adapter calls it on a worker thread, never on an event loop. Refusals a user can act on
 * are {@link ImapFailure}s (the engine answers {@code NO [CODE] text}); any other exception is answered
 * {@code NO [UNAVAILABLE]} (RFC 5530) and the session stays usable.
 *
 * <p>{@code user} is always the authenticated principal returned by {@link #authenticate}
 * ({@link MailAuthenticator}: LOGIN and every AUTHENTICATE mechanism); folder names
 * are decoded (UTF-8, hierarchy delimiter {@code /}, {@code INBOX} case-insensitive and canonical).
 */
public interface ImapListener extends MailAuthenticator {

    /**
     * Every folder of the user's mailbox, with attributes, and the subscribed names that have no folder
     * ({@link FolderInfo#exists()} false), in no particular order.
     */
    List<FolderInfo> listFolders(String user);

    /** STATUS: counters of one folder, without selecting it. */
    FolderStatus status(String user, String folder);

    /** RFC 3501 6.3.3; the new folder is subscribed only if its name already was (it is not by default). */
    void createFolder(String user, String folder);

    /** RFC 3501 6.3.4; a subscription to the folder outlives it (6.3.6). */
    void deleteFolder(String user, String folder);

    /** RFC 3501 6.3.5; renaming INBOX moves its messages to the new folder and leaves INBOX empty. */
    void renameFolder(String user, String from, String to);

    /** SUBSCRIBE needs an existing folder; UNSUBSCRIBE also removes a name whose folder is gone. */
    void setSubscribed(String user, String folder, boolean subscribed);

    /**
     * SELECT / EXAMINE: the folder's counters and every message's UID, MODSEQ and flags, ascending by UID.
     * A SELECT (not EXAMINE) also takes \Recent for the messages that had not been reported yet.
     */
    SelectedFolder select(String user, String folder, boolean readOnly);

    /**
     * What changed in a selected folder since {@code sinceModseq}: new messages, flag changes, expunged
     * UIDs. Used for NOOP/IDLE/command-completion updates and QRESYNC.
     *
     * <p>With {@code claimRecent} (a session that selected the folder read-write), the call also takes
     * \Recent for the added messages no session has been told about yet and returns them in
     * {@link FolderDelta#recentUids()} (RFC 3501 2.3.2: \Recent goes to exactly one session, the first to
     * be notified). Claiming is atomic: two concurrent calls, or a call and a {@link #select}, never both
     * get the same UID. Without it (EXAMINE, or a call whose added messages the engine does not report)
     * nothing is claimed and {@code recentUids} is empty.
     */
    FolderDelta changes(String user, FolderRef folder, long sinceModseq, boolean claimRecent);

    /** Data of the given messages (ascending UIDs that exist), limited to what {@code items} asks for. */
    default List<MessageData> fetch(String user, FolderRef folder, List<Long> uids, Set<FetchItem> items) {
        return fetch(user, folder, uids, items, Set.of());
    }

    /**
     * The same, plus {@code decodedSections} of each message with their Content-Transfer-Encoding undone
     * ({@link MessageData#decoded()}; FETCH BINARY, RFC 3516): base64 and quoted-printable decoded,
     * 7bit/8bit/binary as they are, a multipart or message part and the whole message ("") as they are
     * (RFC 2045 section 6.4 allows composite types no other encoding); any other encoding is reported
     * unknown.
     */
    List<MessageData> fetch(String user, FolderRef folder, List<Long> uids, Set<FetchItem> items,
                            Set<String> decodedSections);

    /**
     * STORE. With {@code unchangedSince} >= 0 (CONDSTORE), messages whose MODSEQ is greater are not
     * changed and are reported in {@link StoreResult#modified()}.
     */
    StoreResult store(String user, FolderRef folder, List<Long> uids, FlagUpdate update, long unchangedSince);

    /** APPEND; fails with {@code OVERQUOTA} or {@code TRYCREATE}. */
    AppendResult append(String user, String folder, List<String> flags, OffsetDateTime internalDate,
                        MessageContent content);

    /** COPY / MOVE (RFC 6851): with {@code move}, the sources are expunged in the same transaction. */
    CopyResult copy(String user, FolderRef source, List<Long> uids, String target, boolean move);

    /**
     * Removes the messages flagged \Deleted, all of them or only those among {@code uids} (UID EXPUNGE).
     *
     * @param uids null for all
     * @return the expunged UIDs, ascending
     */
    List<Long> expunge(String user, FolderRef folder, List<Long> uids);

    /** UIDs (ascending) of the messages matching {@code criteria}; sequence sets are already UID sets. */
    List<Long> search(String user, FolderRef folder, SearchKey criteria);

    /** QUOTA (RFC 9208): usage and limit of the user's mailbox in octets. */
    QuotaInfo quota(String user);

}
