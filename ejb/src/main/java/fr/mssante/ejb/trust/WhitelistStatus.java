package fr.mssante.ejb.trust;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The whitelist as this node uses it and the state of fetching across the cluster: what REST and
 * {@code /health} show.
 *
 * @param current         the version in use, null when the list is empty (only hosted domains trusted)
 * @param domainCount     entries in use
 * @param confirmedAt     when the list in use was last found current (its fetch or last identical fetch)
 * @param age             now minus {@code confirmedAt}, null when empty
 * @param stale           empty, or not confirmed for {@link WhitelistSettings#staleAfter()}
 * @param lastAttemptAt   the cluster's last fetch attempt, successful or not
 * @param lastSuccessAt   the last successful one
 * @param lastError       the last refusal's reason (it may be older than the last success)
 * @param lastErrorAt     when it happened
 * @param lastAttemptFailed whether the last attempt is that refusal
 * @param source          the configured URL
 * @param refreshPeriod   the configured period
 */
public record WhitelistStatus(WhitelistVersion current, int domainCount, OffsetDateTime confirmedAt, Duration age,
                              boolean stale, OffsetDateTime lastAttemptAt, OffsetDateTime lastSuccessAt, String lastError,
                              OffsetDateTime lastErrorAt, boolean lastAttemptFailed, String source,
                              Duration refreshPeriod) {

    /** The status of {@code inUse} at {@code now}, given the cluster's fetch state. */
    public static WhitelistStatus of(WhitelistSnapshot inUse, WhitelistStore.FetchState fetch, WhitelistSettings settings,
                                     OffsetDateTime now) {
        OffsetDateTime confirmed = inUse.confirmedAt();
        Duration age = confirmed == null ? null : Duration.between(confirmed, now);
        boolean stale = inUse.isEmpty() || age.compareTo(settings.staleAfter()) > 0;
        return new WhitelistStatus(inUse.version(), inUse.byDomain().size(), confirmed, age, stale, fetch.lastAttemptAt(),
                fetch.lastSuccessAt(), fetch.lastError(), fetch.lastErrorAt(), fetch.lastAttemptFailed(),
                settings.url().toString(), settings.refreshPeriod());
    }
}
