package fr.mssante.connector.api.imap;

import java.util.List;

/**
 * Changes of a folder since a MODSEQ.
 *
 * @param added      messages with a UID the session has not seen, ascending
 * @param changed    messages whose flags changed (MODSEQ above the given one), ascending
 * @param expunged   UIDs removed since, ascending (from tombstones, so QRESYNC can report VANISHED)
 * @param recentUids UIDs among {@code added} that this call claimed as \Recent for the caller, ascending;
 *                   always empty when the call did not ask to claim (see
 *                   {@link ImapListener#changes(String, FolderRef, long, boolean)})
 */
public record FolderDelta(long highestModseq, long uidNext, List<MessageMeta> added, List<MessageMeta> changed,
                          List<Long> expunged, List<Long> recentUids) {

    public FolderDelta {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        expunged = List.copyOf(expunged);
        recentUids = List.copyOf(recentUids);
    }

    public boolean isEmpty() {
        return added.isEmpty() && changed.isEmpty() && expunged.isEmpty();
    }
}
