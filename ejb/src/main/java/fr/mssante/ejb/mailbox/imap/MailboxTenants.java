package fr.mssante.ejb.mailbox.imap;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The establishment (tenant) of each mailbox an IMAP session works in, remembered for {@link #TTL} so
 * that a command does not ask the database again (ADR 0035): every IMAP call runs in its mailbox's
 * tenant scope (ADR 0011), and the look-up was one query per call.
 *
 * <p>Safe to remember because a mailbox never changes establishment; only a purged address re-created in
 * another one could make an entry wrong, and then it fails closed: the scope is the old tenant, whose
 * row-level security shows none of the new mailbox's rows, so the session finds nothing (until the entry
 * expires), never another establishment's data. Unknown addresses are not remembered.
 */
final class MailboxTenants {

    static final Duration TTL = Duration.ofSeconds(60);
    /** Beyond this, expired entries are dropped and new ones are not remembered until there is room. */
    static final int MAX_ENTRIES = 10_000;

    private record Known(UUID tenant, long expiresAtNanos) {
    }

    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    MailboxTenants(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** @param lookup asks the database, for an address not remembered (or no longer) */
    Optional<UUID> tenantOf(String address, Function<String, Optional<UUID>> lookup) {
        String key = address.strip().toLowerCase(Locale.ROOT);
        long now = nanoClock.getAsLong();
        Known entry = known.get(key);
        if (entry != null && now - entry.expiresAtNanos() < 0) {
            return Optional.of(entry.tenant());
        }
        Optional<UUID> tenant = lookup.apply(key);
        tenant.ifPresent(found -> remember(key, found, now));
        return tenant;
    }

    private void remember(String key, UUID tenant, long now) {
        if (known.size() >= MAX_ENTRIES) {
            known.values().removeIf(k -> now - k.expiresAtNanos() >= 0);
            if (known.size() >= MAX_ENTRIES) {
                return;
            }
        }
        known.put(key, new Known(tenant, now + TTL.toNanos()));
    }
}
