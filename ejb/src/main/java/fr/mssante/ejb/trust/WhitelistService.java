package fr.mssante.ejb.trust;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import javax.security.auth.x500.X500Principal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The MSSanté trust space of this node (ADR 0016): the last good version of the national whitelist,
 * held in memory as an immutable {@link WhitelistSnapshot} that SMTP threads read without a lock on
 * every MAIL and RCPT, and swapped whole when a newer version is in the database.
 *
 * <p>At deployment the latest stored version is loaded; then a non-persistent interval timer
 * ({@code mssante.whitelist.refresh-minutes}, first tick shortly after start) asks {@link WhitelistFetcher}
 * to fetch — which one node of the cluster does per period, the others skipping on the lock — and
 * reloads from the database whatever version is now the latest, whoever fetched it. With nothing stored
 * and no successful fetch, the list is empty: only hosted domains are trusted, and {@code /health} says
 * the list is stale.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@LocalBean
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// Lookups run on every SMTP command: they join the caller's transaction if any, never start one. The
// fetch has its own (WhitelistFetcher), the reads of the store theirs.
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class WhitelistService implements TrustSpace {

    private static final Logger LOG = Logger.getLogger(WhitelistService.class.getName());
    private static final String ACTOR = "system:whitelist-refresh";
    /** The first tick: soon after deployment, so that a new installation gets its list at once. */
    private static final Duration FIRST_TICK = Duration.ofSeconds(5);

    @Resource
    private TimerService timers;

    @EJB
    private WhitelistFetcher fetcher;

    @EJB
    private WhitelistStore store;

    private WhitelistSettings settings;
    private WhitelistDownloader downloader;
    private volatile WhitelistSnapshot snapshot = WhitelistSnapshot.EMPTY;
    /** Refreshes of this node, scheduled or manual, one at a time so snapshots are swapped in order. */
    private final Object refreshing = new Object();

    // Lifecycle and timeout callbacks take REQUIRED, REQUIRES_NEW or NOT_SUPPORTED only (EJB specification).
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void start() {
        settings = WhitelistSettings.fromSystemProperties();
        downloader = new WhitelistDownloader(settings);
        reload();
        timers.createIntervalTimer(FIRST_TICK.toMillis(), settings.refreshPeriod().toMillis(),
                new TimerConfig("whitelist refresh", false));
        LOG.info(() -> "whitelist: " + describe(snapshot) + "; refreshed every " + settings.refreshPeriod().toMinutes()
                + " min from " + settings.url() + (settings.digestUrl() == null ? " (no digest check)"
                : " with the SHA-256 of " + settings.digestUrl()));
    }

    @Override
    public Optional<TrustedDomain> lookup(String domain) {
        return snapshot.lookup(domain.toLowerCase(Locale.ROOT));
    }

    @Override
    public List<TrustedDomain> domainsOf(X500Principal subject) {
        return snapshot.domainsOf(subject);
    }

    @Override
    public boolean known() {
        return snapshot != WhitelistSnapshot.EMPTY;
    }

    /** The list in use, for listings. */
    public WhitelistSnapshot current() {
        return snapshot;
    }

    /** Fetches now, whatever the period, waiting for another node's fetch to end first. */
    public RefreshOutcome refreshNow(String actor) {
        return refresh(false, actor);
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        try {
            refresh(true, ACTOR);
        } catch (RuntimeException e) {
            // The next tick tries again; meanwhile the list in use stays.
            LOG.log(Level.WARNING, "whitelist refresh failed, the current list stays: " + e, e);
        }
    }

    /** The list in use and the fetch state of the cluster. */
    public WhitelistStatus status() {
        return WhitelistStatus.of(snapshot, store.fetchState(), settings, OffsetDateTime.now());
    }

    public WhitelistSettings settings() {
        return settings;
    }

    private RefreshOutcome refresh(boolean scheduled, String actor) {
        synchronized (refreshing) {
            RefreshOutcome outcome = fetcher.refresh(downloader, settings, scheduled, actor);
            reload();
            return outcome;
        }
    }

    /** Swaps in the latest stored version if it is not the one in use; else only its check time. */
    private void reload() {
        Optional<WhitelistVersion> latest = store.latest();
        if (latest.isEmpty()) {
            return;
        }
        WhitelistVersion version = latest.get();
        WhitelistSnapshot in = snapshot;
        if (in.version() != null && in.version().id() == version.id()) {
            snapshot = in.checkedAt(version);
            return;
        }
        WhitelistSnapshot next = WhitelistSnapshot.of(version, store.entries(version.id()));
        snapshot = next;
        LOG.info(() -> "whitelist in use: " + describe(next));
    }

    private static String describe(WhitelistSnapshot s) {
        return s.version() == null ? "empty (no version stored yet: only hosted domains are trusted)"
                : "version " + s.version().id() + ", " + s.byDomain().size() + " domains, sha256 " + s.version().sha256()
                        + ", fetched " + s.version().fetchedAt();
    }
}
