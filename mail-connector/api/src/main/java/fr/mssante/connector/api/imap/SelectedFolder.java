package fr.mssante.connector.api.imap;

import java.util.List;

/**
 * What SELECT/EXAMINE returns.
 *
 * @param messages     every message, ascending by UID: message sequence number n is element n-1
 * @param recentUids   the messages this session reports as \Recent
 * @param keywords     keywords in use in the folder (for FLAGS and PERMANENTFLAGS)
 * @param readOnly     the application opens the folder read-only whatever the command (a read-only
 *                     delegation): the engine then answers SELECT as EXAMINE, {@code OK [READ-ONLY]}
 *                     (RFC 3501 6.3.1 lets the server refuse write access)
 */
public record SelectedFolder(FolderRef folder, long uidNext, long highestModseq, List<MessageMeta> messages,
                             List<Long> recentUids, List<String> keywords, boolean readOnly) {

    public SelectedFolder {
        messages = List.copyOf(messages);
        recentUids = List.copyOf(recentUids);
        keywords = List.copyOf(keywords);
    }
}
