package fr.mssante.ejb.identity;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An app password as its owner sees it later: never the secret.
 *
 * @param lastUsedAt the last successful login with it, null if never used
 * @param nationalId the professional who created it, null for those created before this was recorded
 */
public record AppPasswordView(UUID id, String name, OffsetDateTime createdAt, OffsetDateTime lastUsedAt,
                              String nationalId) {
}
