package fr.mssante.ejb.mailbox;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A mailbox as shown to administrators (docs/api/admin-api-v1.md).
 *
 * @param establishment the FINESS of the establishment that owns the mailbox's domain
 * @param usedBytes     the size of the messages it holds, all folders
 * @param purgeAfter    CLOSED only: when its content is deleted (null once done, see {@code purgedAt})
 */
public record MailboxView(UUID id, String address, MailboxType type, MailboxStatus status, String displayName,
                          String ownerNationalId, List<String> owners, long quotaBytes, long usedBytes,
                          boolean publishedInDirectory, boolean redList, String domain, String establishment,
                          OffsetDateTime createdAt, OffsetDateTime statusChangedAt, OffsetDateTime purgeAfter) {

    static MailboxView of(Mailbox m, long usedBytes) {
        return new MailboxView(m.getId(), m.getAddress(), m.getType(), m.getStatus(), m.getDisplayName(),
                m.getOwnerNationalId(), List.copyOf(m.getOwners()), m.getQuotaBytes(), usedBytes,
                m.isPublishedInDirectory(), m.isRedList(), m.getDomain().getName(),
                m.getDomain().getTenant().getFiness(), m.getCreatedAt(), m.getStatusChangedAt(),
                m.getPurgedAt() == null ? m.getPurgeAfter() : null);
    }
}
