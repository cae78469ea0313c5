package fr.mssante.ejb.trust;

import fr.mssante.ejb.audit.AuditAction;
import fr.mssante.ejb.audit.AuditPublisher;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * One fetch of the whitelist, in one transaction of its own, under the cluster's fetch lock (the row of
 * {@code whitelist_fetch}, ADR 0016): download, verify the published digest, compare with the latest
 * version, parse, store. Whatever goes wrong is recorded in the fetch state and the audit trail and the
 * latest version stays the current one: a failed download never replaces a list (last-good rule).
 *
 * <p>The tables are operator-level and have no row-level security (V9): no tenant scope is needed,
 * as for the intake sweeper (ADR 0011).
 */
@Stateless
public class WhitelistFetcher {

    private static final Logger LOG = Logger.getLogger(WhitelistFetcher.class.getName());

    /**
     * A node's tick skips the fetch when another node attempted it less than this share of a period ago:
     * the nodes' timers are not aligned, and the one that came first did this period's work.
     */
    private static final double SAME_PERIOD = 0.9;

    @EJB
    private WhitelistStore store;

    @EJB
    private AuditPublisher audit;

    /**
     * @param scheduled true for a timer tick (skips when another node holds the lock or fetched this
     *                  period), false for a manual refresh (waits for the lock, always fetches)
     * @param actor     who asks: {@code system:whitelist-refresh} or the operator administrator
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public RefreshOutcome refresh(WhitelistDownloader downloader, WhitelistSettings settings, boolean scheduled, String actor) {
        Optional<WhitelistStore.FetchState> state = store.lockFetch(!scheduled);
        if (state.isEmpty()) {
            return new RefreshOutcome(RefreshOutcome.Result.SKIPPED, store.latest().orElse(null),
                    "another node is fetching the whitelist");
        }
        OffsetDateTime now = OffsetDateTime.now();
        OffsetDateTime lastAttempt = state.get().lastAttemptAt();
        if (scheduled && attemptedThisPeriod(lastAttempt, now, settings.refreshPeriod())) {
            return new RefreshOutcome(RefreshOutcome.Result.SKIPPED, store.latest().orElse(null),
                    "fetched at " + lastAttempt + " by another node");
        }
        Optional<WhitelistVersion> latest = store.latest();
        String source = settings.url().toString();
        try {
            WhitelistDownloader.Download download = downloader.download();
            if (latest.isPresent() && latest.get().sha256().equals(download.sha256())) {
                store.markChecked(latest.get().id(), now);
                store.recordSuccess(now);
                LOG.fine(() -> "whitelist unchanged (version " + latest.get().id() + ", sha256 " + download.sha256() + ")");
                return new RefreshOutcome(RefreshOutcome.Result.UNCHANGED, store.latest().orElseThrow(), null);
            }
            WhitelistDocument document = WhitelistParser.parse(download.bytes());
            WhitelistVersion version = store.insert(download, document, source, actor, now);
            store.recordSuccess(now);
            String details = "version=" + version.id() + " sha256=" + version.sha256() + " domains=" + version.domainCount()
                    + " generated=" + version.generatedText() + " warnings=" + version.warnings().size()
                    + " previous=" + latest.map(v -> Long.toString(v.id())).orElse("none") + " source=" + source;
            audit.publish(AuditAction.WHITELIST_UPDATED, actor, null, null, null, List.of(), "OK", details);
            LOG.info(() -> "whitelist updated: " + details);
            version.warnings().forEach(w -> LOG.warning(() -> "whitelist version " + version.id() + ": " + w));
            return new RefreshOutcome(RefreshOutcome.Result.UPDATED, version, null);
        } catch (WhitelistRejectedException e) {
            store.recordFailure(now, e.getMessage());
            String kept = latest.map(v -> "version " + v.id() + " (sha256 " + v.sha256() + ")").orElse("none (the list is empty)");
            audit.publish(AuditAction.WHITELIST_REJECTED, actor, null, null, null, List.of(), "rejected",
                    "reason=" + e.getMessage() + " kept=" + kept + " source=" + source);
            LOG.warning(() -> "whitelist download refused, current list kept (" + kept + "): " + e.getMessage());
            return new RefreshOutcome(RefreshOutcome.Result.REJECTED, latest.orElse(null), e.getMessage());
        }
    }

    /** Whether a node (any) attempted a fetch recently enough that this period's tick has nothing to do. */
    static boolean attemptedThisPeriod(OffsetDateTime lastAttempt, OffsetDateTime now, Duration period) {
        return lastAttempt != null && lastAttempt.isAfter(now.minus(Duration.ofMillis((long) (period.toMillis() * SAME_PERIOD))));
    }
}
