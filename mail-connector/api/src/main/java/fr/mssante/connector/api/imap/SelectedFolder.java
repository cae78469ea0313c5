package fr.mssante.connector.api.imap;

import java.util.List;

/**
 * What SELECT/EXAMINE returns.
 *
 * @param messages     every message, ascending by UID: message sequence number n is element n-1
 * @param recentUids   the messages this session reports as \Recent
 * @param keywords     keywords in use in the folder (for FLAGS and PERMANENTFLAGS)
 */
public record SelectedFolder(FolderRef folder, long uidNext, long highestModseq, List<MessageMeta> messages,
                             List<Long> recentUids, List<String> keywords) {

    public SelectedFolder {
        messages = List.copyOf(messages);
        recentUids = List.copyOf(recentUids);
        keywords = List.copyOf(keywords);
    }
}
