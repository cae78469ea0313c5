package fr.mssante.ejb.trust;

import fr.mssante.ejb.paging.Page;
import fr.mssante.ejb.paging.PageRequest;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.hibernate.Session;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The whitelist's tables (V9): versions with their entries, and the one row of fetch state that also
 * serves as the cluster's fetch lock. Plain JDBC on the transaction's connection: a version's entries
 * go in as one batch, and nothing here is an entity anyone edits.
 */
@Stateless
public class WhitelistStore {

    public static final Set<String> SORTABLE = Set.of("fetchedAt");
    public static final String DEFAULT_SORT = "fetchedAt,desc";

    private static final String VERSION_COLUMNS = "id, fetched_at, last_checked_at, source_url, sha256, size_bytes, "
            + "generated_text, generated_at, domain_count, warnings, fetched_by";

    /** The state of fetching across the cluster. */
    public record FetchState(OffsetDateTime lastAttemptAt, OffsetDateTime lastSuccessAt, String lastError,
                             OffsetDateTime lastErrorAt) {

        /** Whether the last attempt is the one that failed. */
        public boolean lastAttemptFailed() {
            return lastErrorAt != null && lastErrorAt.equals(lastAttemptAt);
        }
    }

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    /** The newest version, empty when none was ever accepted. */
    public Optional<WhitelistVersion> latest() {
        return session().doReturningWork(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT " + VERSION_COLUMNS + " FROM whitelist_version "
                         + "ORDER BY fetched_at DESC, id DESC LIMIT 1")) {
                return rs.next() ? Optional.of(version(rs)) : Optional.empty();
            }
        });
    }

    public List<WhitelistEntry> entries(long versionId) {
        return session().doReturningWork(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT domain, operator_dn, description, responsible_contact, "
                    + "support_contact, updated_text FROM whitelist_entry WHERE version_id = ? ORDER BY domain")) {
                s.setLong(1, versionId);
                s.setFetchSize(1000);
                List<WhitelistEntry> entries = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new WhitelistEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6)));
                    }
                }
                return entries;
            }
        });
    }

    /** Stores a new version and its entries; returns it. */
    public WhitelistVersion insert(WhitelistDownloader.Download download, WhitelistDocument document, String sourceUrl,
                                   String fetchedBy, OffsetDateTime now) {
        return session().doReturningWork(c -> {
            long id;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO whitelist_version (fetched_at, last_checked_at, "
                    + "source_url, sha256, size_bytes, generated_text, generated_at, domain_count, warnings, fetched_by) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                s.setObject(1, now);
                s.setObject(2, now);
                s.setString(3, sourceUrl);
                s.setString(4, download.sha256());
                s.setInt(5, download.bytes().length);
                s.setString(6, document.generatedText());
                s.setObject(7, document.generatedAt(), Types.TIMESTAMP_WITH_TIMEZONE);
                s.setInt(8, document.entries().size());
                Array warnings = c.createArrayOf("text", document.warnings().toArray());
                s.setArray(9, warnings);
                s.setString(10, fetchedBy);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO whitelist_entry (version_id, domain, operator_dn, "
                    + "description, responsible_contact, support_contact, updated_text) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (WhitelistEntry e : document.entries()) {
                    s.setLong(1, id);
                    s.setString(2, e.domain());
                    s.setString(3, e.operatorDn());
                    s.setString(4, e.description());
                    s.setString(5, e.responsibleContact());
                    s.setString(6, e.supportContact());
                    s.setString(7, e.updated());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return new WhitelistVersion(id, now, now, sourceUrl, download.sha256(), download.bytes().length,
                    document.generatedText(), document.generatedAt(), document.entries().size(), document.warnings(),
                    fetchedBy);
        });
    }

    /** An identical download: the version is current as of {@code now}. */
    public void markChecked(long versionId, OffsetDateTime now) {
        update("UPDATE whitelist_version SET last_checked_at = ? WHERE id = ?", now, versionId);
    }

    /**
     * Takes the cluster's fetch lock (the state row, {@code FOR UPDATE}) for the current transaction.
     *
     * @param wait false: give up at once when another node holds it ({@code SKIP LOCKED}, the scheduled
     *             refresh); true: wait for it (a manual refresh, which must fetch)
     * @return the state under the lock, empty when another node holds it and {@code wait} is false
     */
    public Optional<FetchState> lockFetch(boolean wait) {
        return session().doReturningWork(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT last_attempt_at, last_success_at, "
                    + "last_error, last_error_at FROM whitelist_fetch WHERE id = 1 FOR UPDATE" + (wait ? "" : " SKIP LOCKED"))) {
                return rs.next() ? Optional.of(fetchState(rs)) : Optional.empty();
            }
        });
    }

    public FetchState fetchState() {
        return session().doReturningWork(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT last_attempt_at, last_success_at, "
                    + "last_error, last_error_at FROM whitelist_fetch WHERE id = 1")) {
                rs.next();
                return fetchState(rs);
            }
        });
    }

    public void recordSuccess(OffsetDateTime now) {
        update("UPDATE whitelist_fetch SET last_attempt_at = ?, last_success_at = ? WHERE id = 1", now, now);
    }

    public void recordFailure(OffsetDateTime now, String error) {
        update("UPDATE whitelist_fetch SET last_attempt_at = ?, last_error = ?, last_error_at = ? WHERE id = 1", now, error, now);
    }

    /** The history, newest first by default. */
    public Page<WhitelistVersion> versions(PageRequest page) {
        return session().doReturningWork(c -> {
            long total;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM whitelist_version")) {
                rs.next();
                total = rs.getLong(1);
            }
            String direction = page.descending() ? " DESC" : " ASC";
            List<WhitelistVersion> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + VERSION_COLUMNS + " FROM whitelist_version ORDER BY "
                    + "fetched_at" + direction + ", id" + direction + " LIMIT ? OFFSET ?")) {
                s.setInt(1, page.size());
                s.setInt(2, page.offset());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        items.add(version(rs));
                    }
                }
            }
            return new Page<>(items, page.page(), page.size(), total);
        });
    }

    private void update(String sql, Object... parameters) {
        session().doWork(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                s.executeUpdate();
            }
        });
    }

    private Session session() {
        return em.unwrap(Session.class);
    }

    private static WhitelistVersion version(ResultSet rs) throws SQLException {
        Array warnings = rs.getArray(10);
        return new WhitelistVersion(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getObject(3, OffsetDateTime.class),
                rs.getString(4), rs.getString(5), rs.getInt(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class),
                rs.getInt(9), warnings == null ? List.of() : Arrays.asList((String[]) warnings.getArray()), rs.getString(11));
    }

    private static FetchState fetchState(ResultSet rs) throws SQLException {
        return new FetchState(rs.getObject(1, OffsetDateTime.class), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                rs.getObject(4, OffsetDateTime.class));
    }
}
