package fr.mssante.connector.api.imap;

import java.util.List;

/** For {@code [COPYUID uidvalidity source-uids target-uids]} (RFC 4315); lists are parallel. */
public record CopyResult(long uidValidity, List<Long> sourceUids, List<Long> targetUids) {

    public CopyResult {
        sourceUids = List.copyOf(sourceUids);
        targetUids = List.copyOf(targetUids);
    }
}
