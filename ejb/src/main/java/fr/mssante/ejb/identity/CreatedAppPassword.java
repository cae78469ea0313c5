package fr.mssante.ejb.identity;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A new app password: {@code password} is shown this once and only its hash is kept. */
public record CreatedAppPassword(UUID id, String name, String password, OffsetDateTime createdAt) {
}
