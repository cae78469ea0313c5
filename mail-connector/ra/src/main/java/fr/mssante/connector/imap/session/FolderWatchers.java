package fr.mssante.connector.imap.session;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions that have a folder selected, by user and folder id, so that a
 * {@link fr.mssante.connector.api.imap.MailboxChangeBus} event reaches them. Thread-safe: sessions come
 * and go on their event loops, events arrive on the application's threads.
 */
final class FolderWatchers {

    private record Key(String user, String folderId) {
    }

    private final Map<Key, Set<ImapSession>> watchers = new ConcurrentHashMap<>();

    void watch(String user, String folderId, ImapSession session) {
        watchers.computeIfAbsent(new Key(user, folderId), key -> ConcurrentHashMap.newKeySet()).add(session);
    }

    void unwatch(String user, String folderId, ImapSession session) {
        watchers.computeIfPresent(new Key(user, folderId), (key, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    /** Returns at once: each session handles the event on its own event loop. */
    void changed(String user, String folderId) {
        Set<ImapSession> sessions = watchers.get(new Key(user, folderId));
        if (sessions != null) {
            sessions.forEach(ImapSession::folderChanged);
        }
    }
}
