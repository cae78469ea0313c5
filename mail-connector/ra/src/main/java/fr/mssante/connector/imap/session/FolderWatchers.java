package fr.mssante.connector.imap.session;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions that have a folder selected, by folder id, so that a
 * {@link fr.mssante.connector.api.imap.MailboxChangeBus} event reaches them. Folder ids are unique across
 * mailboxes, and the sessions on a folder are not all its owner's: a delegate's session has its own
 * principal. Thread-safe: sessions come and go on their event loops, events arrive on the
 * application's threads.
 */
final class FolderWatchers {

    private final Map<String, Set<ImapSession>> watchers = new ConcurrentHashMap<>();

    void watch(String folderId, ImapSession session) {
        watchers.computeIfAbsent(folderId, key -> ConcurrentHashMap.newKeySet()).add(session);
    }

    void unwatch(String folderId, ImapSession session) {
        watchers.computeIfPresent(folderId, (key, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    /** Returns at once: each session handles the event on its own event loop. */
    void changed(String folderId) {
        Set<ImapSession> sessions = watchers.get(folderId);
        if (sessions != null) {
            sessions.forEach(ImapSession::folderChanged);
        }
    }
}
