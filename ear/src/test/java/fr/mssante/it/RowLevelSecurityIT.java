package fr.mssante.it;

import fr.mssante.devstack.EmbeddedDatabase;
import fr.mssante.devstack.LocalPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Proof of the isolation in depth of ADR 0011, at the database, with raw JDBC: connected as the
 * application's role with establishment A's scope set the way the application sets it (transaction-local
 * settings), no row of establishment B can be read, changed, deleted or created, in every tenant-owned
 * table; without a scope, no tenant row at all. The tables come from pg_catalog (every table with a
 * tenant_id column, and tenant), so a future table without a policy fails here.
 */
@ExtendWith(PlatformExtension.class)
class RowLevelSecurityIT {

    private static final String A_FINESS = "750000001";
    private static final String B_FINESS = "750000002";
    private static final String A_MAILBOX = "dr.martin@hopital-demo.mssante.fr";
    private static final String B_MAILBOX = "accueil@clinique-autre.mssante.fr";
    /** Marks this test's inert fixture rows (revoked, unknown national id), removed afterwards. */
    private static final String FIXTURE = "rls-proof";
    private static final Set<String> KNOWN_TENANT_TABLES = Set.of("tenant", "mail_domain", "mailbox", "folder",
            "message", "expunged_message", "app_password", "mailbox_delegation", "mailbox_certificate", "audit_event",
            "tenant_contact", "org_mailbox_owner", "relay_message", "relay_recipient", "subscription_without_folder");
    /** Destination domain of the inert relay fixture of B. */
    private static final String FIXTURE_DOMAIN = "rls-proof.invalid";

    private static UUID tenantA;
    private static UUID tenantB;

    private final EmbeddedDatabase database;

    RowLevelSecurityIT(LocalPlatform platform) {
        this.database = platform.database();
    }

    /**
     * Rows of both establishments in every table: a message delivered to a mailbox of each (messages and
     * DELIVERED audit events of both, an SMTP_ACCEPTED event of none), and, written as the owner, inert
     * rows of B where the demo data has none.
     */
    @BeforeAll
    static void rowsOfTwoEstablishments(LocalPlatform platform) throws Exception {
        try (SmtpClient smtp = SmtpClient.asPeerOperator(platform)) {
            smtp.send(smtp.message(TestPeerOperator.address("labo"), "RLS " + UUID.randomUUID(), "Bonjour", A_MAILBOX, B_MAILBOX));
        }
        try (Connection owner = platform.database().connect()) {
            tenantA = uuid(owner, "SELECT id FROM tenant WHERE finess = ?", A_FINESS);
            tenantB = uuid(owner, "SELECT id FROM tenant WHERE finess = ?", B_FINESS);
            update(owner, "INSERT INTO app_password (id, tenant_id, mailbox_id, name, hash, revoked_at) "
                    + "SELECT gen_random_uuid(), tenant_id, id, ?, 'inert', now() FROM mailbox WHERE address = ? "
                    + "ON CONFLICT DO NOTHING", FIXTURE, B_MAILBOX);
            update(owner, "INSERT INTO mailbox_delegation (mailbox_id, tenant_id, national_id) "
                    + "SELECT id, tenant_id, ? FROM mailbox WHERE address = ? ON CONFLICT DO NOTHING", FIXTURE, B_MAILBOX);
            update(owner, "INSERT INTO mailbox_certificate (id, tenant_id, mailbox_id, subject_dn, revoked_at) "
                    + "SELECT gen_random_uuid(), tenant_id, id, ?, now() FROM mailbox WHERE address = ?", "CN=" + FIXTURE, B_MAILBOX);
            update(owner, "INSERT INTO tenant_contact (tenant_id, position, name) SELECT id, 1000, ? FROM tenant "
                    + "WHERE finess = ? ON CONFLICT DO NOTHING", FIXTURE, B_FINESS);
            update(owner, "INSERT INTO org_mailbox_owner (mailbox_id, national_id) SELECT id, ? FROM mailbox "
                    + "WHERE address = ? ON CONFLICT DO NOTHING", FIXTURE, B_MAILBOX);
            update(owner, "INSERT INTO subscription_without_folder (tenant_id, mailbox_id, name) "
                    + "SELECT tenant_id, id, ? FROM mailbox WHERE address = ? ON CONFLICT DO NOTHING", FIXTURE, B_MAILBOX);
            for (String address : List.of(A_MAILBOX, B_MAILBOX)) {
                update(owner, "INSERT INTO expunged_message (folder_id, uid, modseq, tenant_id) "
                        + "SELECT f.id, 4294967295, 1, f.tenant_id FROM folder f JOIN mailbox m ON m.id = f.mailbox_id "
                        + "WHERE m.address = ? AND f.name = 'Trash' ON CONFLICT DO NOTHING", address);
            }
            // An inert relay message of B (V10): done, its recipient deleted, so the relay never takes it.
            update(owner, "INSERT INTO relay_message (id, intake_message_id, domain, queue_id, blob_sha256, size, "
                    + "received_at, tenant_id, state) SELECT gen_random_uuid(), i.id, ?, i.queue_id, i.blob_sha256, i.size, "
                    + "i.received_at, ?, 'DONE' FROM intake_message i ORDER BY i.received_at LIMIT 1 ON CONFLICT DO NOTHING",
                    FIXTURE_DOMAIN, tenantB);
            update(owner, "INSERT INTO relay_recipient (id, relay_message_id, tenant_id, address, status, finished_at) "
                    + "SELECT gen_random_uuid(), id, tenant_id, ?, 'DELETED', now() FROM relay_message WHERE domain = ? "
                    + "ON CONFLICT DO NOTHING", FIXTURE + "@" + FIXTURE_DOMAIN, FIXTURE_DOMAIN);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (count(owner, "SELECT count(*) FROM audit_event WHERE tenant_id = ? AND action = 'DELIVERED'", tenantB) == 0
                    || count(owner, "SELECT count(*) FROM message WHERE tenant_id = ?", tenantB) == 0) {
                assertThat(Instant.now()).as("delivery to both establishments").isBefore(deadline);
                Thread.sleep(200);
            }
        }
    }

    @AfterAll
    static void removeFixtures(LocalPlatform platform) throws SQLException {
        try (Connection owner = platform.database().connect()) {
            update(owner, "DELETE FROM app_password WHERE name = ?", FIXTURE);
            update(owner, "DELETE FROM relay_message WHERE domain = ?", FIXTURE_DOMAIN);
            update(owner, "DELETE FROM mailbox_delegation WHERE national_id = ?", FIXTURE);
            update(owner, "DELETE FROM mailbox_certificate WHERE subject_dn = ?", "CN=" + FIXTURE);
            update(owner, "DELETE FROM expunged_message WHERE uid = 4294967295");
            update(owner, "DELETE FROM tenant_contact WHERE name = ?", FIXTURE);
            update(owner, "DELETE FROM org_mailbox_owner WHERE national_id = ?", FIXTURE);
            update(owner, "DELETE FROM subscription_without_folder WHERE name = ?", FIXTURE);
        }
    }

    @Test
    void every_table_with_tenant_data_has_row_level_security_and_nothing_else_needs_it() throws SQLException {
        try (Connection owner = database.connect()) {
            Set<String> rls = strings(owner, "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace "
                    + "AND relkind = 'r' AND relrowsecurity");
            assertThat(tenantTables(owner)).containsAll(KNOWN_TENANT_TABLES).isEqualTo(rls);
            assertThat(strings(owner, "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace "
                    + "AND relkind = 'r' AND relforcerowsecurity")).as("owner (migrations) not restricted").isEmpty();
        }
    }

    @Test
    void the_application_role_owns_nothing_and_bypasses_nothing_and_is_what_the_platform_uses() throws SQLException {
        try (Connection owner = database.connect()) {
            try (PreparedStatement s = owner.prepareStatement(
                    "SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = ?")) {
                s.setString(1, EmbeddedDatabase.APP_USER);
                try (ResultSet rs = s.executeQuery()) {
                    assertThat(rs.next()).as("role " + EmbeddedDatabase.APP_USER).isTrue();
                    for (int column = 1; column <= 4; column++) {
                        assertThat(rs.getBoolean(column)).as(rs.getMetaData().getColumnName(column)).isFalse();
                    }
                }
            }
            assertThat(count(owner, "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
                    + "WHERE r.rolname = ? AND c.relnamespace = 'public'::regnamespace", EmbeddedDatabase.APP_USER)).isZero();
            assertThat(count(owner, "SELECT count(*) FROM pg_stat_activity WHERE usename = ? AND datname = ?",
                    EmbeddedDatabase.APP_USER, EmbeddedDatabase.DATABASE)).as("MssanteDS connections").isPositive();
        }
    }

    @Test
    void in_establishment_A_no_row_of_B_can_be_read_changed_deleted_or_created() throws SQLException {
        try (Connection owner = database.connect(); Connection app = database.connectAsApplication()) {
            app.setAutoCommit(false);
            List<String> failures = new ArrayList<>();
            for (String table : tenantTables(owner)) {
                String column = column(table);
                assertThat(count(owner, "SELECT count(*) FROM " + table + " WHERE " + column + " = ?", tenantB))
                        .as("fixture: rows of B in " + table).isPositive();
                scope(app, "tenant", tenantA);

                assertThat(count(app, "SELECT count(*) FROM " + table + " WHERE " + column + " IS DISTINCT FROM ?", tenantA))
                        .as(table + ": rows of other establishments (or of none) visible to A").isZero();
                if (count(owner, "SELECT count(*) FROM " + table + " WHERE " + column + " = ?", tenantA) > 0) {
                    assertThat(count(app, "SELECT count(*) FROM " + table + " WHERE " + column + " = ?", tenantA))
                            .as(table + ": A sees its own rows").isPositive();
                }
                if (privilege(app, table, "UPDATE")) {
                    assertThat(update(app, "UPDATE " + table + " SET " + column + " = " + column + " WHERE " + column + " = ?", tenantB))
                            .as(table + ": rows of B updated from A").isZero();
                } else {
                    assertThat(table).as("only the append-only audit trail refuses UPDATE").isEqualTo("audit_event");
                }
                if (privilege(app, table, "DELETE")) {
                    assertThat(update(app, "DELETE FROM " + table + " WHERE " + column + " = ?", tenantB))
                            .as(table + ": rows of B deleted from A").isZero();
                }
                String rowOfB = string(owner, "SELECT CAST(to_jsonb(t) AS text) FROM " + table + " t WHERE " + column + " = ? LIMIT 1", tenantB);
                Savepoint beforeInsert = app.setSavepoint();
                try {
                    update(app, "INSERT INTO " + table + " SELECT * FROM jsonb_populate_record(NULL::" + table + ", CAST(? AS jsonb))", rowOfB);
                    failures.add(table + ": a row of B was inserted from A");
                } catch (SQLException e) {
                    assertThat(e.getSQLState()).as(table + ": " + e.getMessage()).isEqualTo("42501");
                    assertThat(e.getMessage()).contains("row-level security");
                }
                app.rollback(beforeInsert);
                app.rollback();
            }
            assertThat(failures).isEmpty();
        }
    }

    @Test
    void without_a_scope_no_tenant_row_is_visible_and_a_scope_never_outlives_its_transaction() throws SQLException {
        try (Connection owner = database.connect(); Connection app = database.connectAsApplication()) {
            app.setAutoCommit(false);
            scope(app, "operator", null);
            assertThat(count(app, "SELECT count(*) FROM tenant WHERE id = ?", tenantB)).as("operator sees B").isOne();
            app.commit(); // the same pooled connection, next transaction: the setting is gone
            for (String table : tenantTables(owner)) {
                assertThat(count(app, "SELECT count(*) FROM " + table)).as(table + " without a scope").isZero();
            }
            app.rollback();
        }
    }

    /** What TenantScopeInterceptor sends at the start of each transaction. */
    private static void scope(Connection app, String scope, UUID tenant) throws SQLException {
        try (PreparedStatement s = app.prepareStatement(
                "SELECT set_config('mssante.scope', ?, true), set_config('mssante.tenant_id', ?, true)")) {
            s.setString(1, scope);
            s.setString(2, tenant == null ? "" : tenant.toString());
            s.executeQuery().close();
        }
    }

    private static Set<String> tenantTables(Connection owner) throws SQLException {
        Set<String> tables = strings(owner, "SELECT c.relname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                + "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attname = 'tenant_id' "
                + "AND NOT a.attisdropped");
        tables.add("tenant");
        return tables;
    }

    private static String column(String table) {
        return table.equals("tenant") ? "id" : "tenant_id";
    }

    private static boolean privilege(Connection app, String table, String privilege) throws SQLException {
        return string(app, "SELECT CAST(has_table_privilege(current_user, CAST(? AS regclass), ?) AS text)", table, privilege)
                .equals("true");
    }

    private static UUID uuid(Connection c, String sql, Object... parameters) throws SQLException {
        return UUID.fromString(string(c, sql, parameters));
    }

    private static String string(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, parameters); ResultSet rs = s.executeQuery()) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    private static long count(Connection c, String sql, Object... parameters) throws SQLException {
        return Long.parseLong(string(c, sql, parameters));
    }

    private static Set<String> strings(Connection c, String sql) throws SQLException {
        Set<String> values = new TreeSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, parameters)) {
            return s.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            s.setObject(i + 1, parameters[i]);
        }
        return s;
    }
}
