package fr.mssante.ejb.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Brings the database schema to the version of this build at deployment, with the versioned
 * migrations of {@code db/migration}. Flyway takes a PostgreSQL advisory lock, so several nodes of a
 * cluster deploying at once migrate only once. Bean-managed: Flyway commits its own work.
 *
 * <p>Migrations run as the owner of the tables ({@code MssanteMigrationDS}); the application's own
 * datasource logs in as a role that must own nothing and bypass nothing, or row-level security would
 * not apply to it (ADR 0011). The grants of the migrations name that role (placeholder
 * {@code appRole}), and deployment fails if it could bypass the policies.
 */
@Singleton
@Startup
// Nothing is written to the database before the production-mode check has passed (ADR 0022).
@DependsOn("ProductionSafetyCheck")
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    @Resource(lookup = "java:jboss/datasources/MssanteMigrationDS")
    private DataSource ownerDataSource;

    @Resource(lookup = "java:jboss/datasources/MssanteDS")
    private DataSource applicationDataSource;

    @PostConstruct
    void migrate() {
        String appRole = applicationRole();
        var result = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(ownerDataSource)
                .locations("classpath:db/migration")
                .placeholders(Map.of("appRole", appRole))
                .load()
                .migrate();
        LOG.info(() -> "database schema at version " + result.targetSchemaVersion
                + " (" + result.migrationsExecuted + " migrations applied now); application role " + appRole);
        requireRowLevelSecurityApplies();
    }

    /** The role MssanteDS logs in as, quoted for SQL. */
    private String applicationRole() {
        return queryApplicationRole("SELECT quote_ident(current_user)");
    }

    /** Fail closed: an application role that owns the tables or bypasses RLS would see every tenant. */
    private void requireRowLevelSecurityApplies() {
        String offence = queryApplicationRole("""
                SELECT CASE WHEN r.rolsuper THEN 'is a superuser'
                            WHEN r.rolbypassrls THEN 'has BYPASSRLS'
                            WHEN EXISTS (SELECT 1 FROM pg_tables t WHERE t.schemaname = 'public'
                                         AND t.tableowner = current_user) THEN 'owns tables of the schema'
                            ELSE '' END
                FROM pg_roles r WHERE r.rolname = current_user""");
        if (!offence.isEmpty()) {
            throw new IllegalStateException("the application datasource MssanteDS logs in as a role that " + offence
                    + ": row-level security would not isolate establishments. Give it a role of its own "
                    + "(mssante.db.user) and the migrations the owner (mssante.db.owner-user); see README");
        }
    }

    private String queryApplicationRole(String sql) {
        try (Connection c = applicationDataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot inspect the application's database role", e);
        }
    }
}
