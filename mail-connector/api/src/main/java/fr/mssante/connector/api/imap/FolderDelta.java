package fr.mssante.connector.api.imap;

import java.util.List;

/**
 * Changes of a folder since a MODSEQ.
 *
 * @param added    messages with a UID the session has not seen, ascending
 * @param changed  messages whose flags changed (MODSEQ above the given one), ascending
 * @param expunged UIDs removed since, ascending (from tombstones, so QRESYNC can report VANISHED)
 */
public record FolderDelta(long highestModseq, long uidNext, List<MessageMeta> added, List<MessageMeta> changed,
                          List<Long> expunged) {

    public FolderDelta {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        expunged = List.copyOf(expunged);
    }

    public boolean isEmpty() {
        return added.isEmpty() && changed.isEmpty() && expunged.isEmpty();
    }
}
