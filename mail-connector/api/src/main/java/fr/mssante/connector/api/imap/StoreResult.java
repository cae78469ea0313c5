package fr.mssante.connector.api.imap;

import java.util.List;

/**
 * @param updated  new flags and MODSEQ of the messages that were changed (or matched, for FETCH responses)
 * @param modified UIDs not changed because of UNCHANGEDSINCE (RFC 7162 3.1.3 [MODIFIED])
 */
public record StoreResult(List<MessageMeta> updated, List<Long> modified) {

    public StoreResult {
        updated = List.copyOf(updated);
        modified = List.copyOf(modified);
    }
}
