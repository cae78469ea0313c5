package fr.mssante.ejb.identity;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An app password as its owner sees it later: never the secret.
 *
 * @param lastUsedAt the last successful login with it, null if never used
 */
public record AppPasswordView(UUID id, String name, OffsetDateTime createdAt, OffsetDateTime lastUsedAt) {
}
