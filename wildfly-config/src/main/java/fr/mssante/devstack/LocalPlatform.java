package fr.mssante.devstack;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The whole platform on one machine: a private PostgreSQL and a WildFly running the EAR, wired
 * together by system properties. Used by {@code ./mssante run} (fixed dev ports) and by the
 * integration tests (free ports, fresh directories).
 */
public final class LocalPlatform implements AutoCloseable {

    /** Where to find things and which ports to use. */
    public record Settings(Path serverTemplate, Path ear, Path workDir,
                           int portOffset, int httpPort, int managementPort,
                           int databasePort, int smtpPort, int submissionPort, int imapPort,
                           boolean demoData) {
    }

    private final Settings settings;
    private final EmbeddedDatabase database;
    private final WildFlyServer server;

    public LocalPlatform(Settings settings) {
        this.settings = settings;
        this.database = new EmbeddedDatabase(settings.workDir().resolve("pgdata"), settings.databasePort());
        this.server = new WildFlyServer(settings.serverTemplate(), settings.workDir().resolve("wildfly"),
                settings.portOffset())
                .systemProperty("jboss.http.port", Integer.toString(settings.httpPort() - settings.portOffset()))
                .systemProperty("jboss.management.http.port",
                        Integer.toString(settings.managementPort() - settings.portOffset()))
                .systemProperty("mssante.db.url", database.jdbcUrl())
                .systemProperty("mssante.db.user", EmbeddedDatabase.USER)
                .systemProperty("mssante.db.password", EmbeddedDatabase.PASSWORD)
                .systemProperty("mssante.smtp.port", Integer.toString(settings.smtpPort()))
                .systemProperty("mssante.submission.port", Integer.toString(settings.submissionPort()))
                .systemProperty("mssante.imap.port", Integer.toString(settings.imapPort()))
                .systemProperty("mssante.bind.address", "127.0.0.1")
                .systemProperty("mssante.dev-mode", "true")
                .systemProperty("mssante.demo-data", Boolean.toString(settings.demoData()));
    }

    /** Settings for a test run: every port free on 127.0.0.1, everything under {@code workDir}. */
    public static Settings forTests(Path serverTemplate, Path ear, Path workDir) {
        int offset = FreePorts.pickOffset(WildFlyServer.BASE_PORTS);
        return new Settings(serverTemplate, ear, workDir, offset, 8080 + offset, 9990 + offset,
                FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), true);
    }

    public void start() throws Exception {
        database.start();
        server.start(settings.ear(), Duration.ofMinutes(5));
    }

    public EmbeddedDatabase database() {
        return database;
    }

    public WildFlyServer server() {
        return server;
    }

    public Settings settings() {
        return settings;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + settings.httpPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
        database.stop();
    }
}
