package fr.mssante.ejb.mailbox;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A mailbox as shown to administrators. */
public record MailboxView(UUID id, String address, MailboxType type, MailboxStatus status, String displayName,
                          String ownerNationalId, long quotaBytes, String domain, UUID tenantId,
                          OffsetDateTime createdAt) {

    static MailboxView of(Mailbox m) {
        return new MailboxView(m.getId(), m.getAddress(), m.getType(), m.getStatus(), m.getDisplayName(),
                m.getOwnerNationalId(), m.getQuotaBytes(), m.getDomain().getName(), m.getTenantId(),
                m.getCreatedAt());
    }
}
