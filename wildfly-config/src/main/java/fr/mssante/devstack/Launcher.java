package fr.mssante.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./mssante run}: the platform on embedded defaults. Ports come from the environment
 * (MSSANTE_HTTP_PORT, MSSANTE_SMTP_PORT, MSSANTE_SUBMISSION_PORT, MSSANTE_IMAP_PORT, MSSANTE_DB_PORT,
 * MSSANTE_MANAGEMENT_PORT, MSSANTE_KEYCLOAK_PORT); state lives in {@code .run/} (database, broker journal,
 * Keycloak's database, logs) and survives restarts. Ctrl-C or SIGTERM stops WildFly, Keycloak, then
 * PostgreSQL.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path workDir = root.resolve(".run");
        Files.createDirectories(workDir);
        LocalPlatform.Settings settings = new LocalPlatform.Settings(
                root.resolve("wildfly-config/target/server"),
                root.resolve("ear/target/" + WildFlyServer.EAR_NAME),
                workDir, 0,
                port("MSSANTE_HTTP_PORT", 8080),
                port("MSSANTE_MANAGEMENT_PORT", 9990),
                port("MSSANTE_DB_PORT", 15432),
                port("MSSANTE_SMTP_PORT", 10025),
                port("MSSANTE_SUBMISSION_PORT", 10587),
                port("MSSANTE_IMAP_PORT", 10143),
                true,
                new LocalPlatform.Keycloak(root.resolve("wildfly-config/target/keycloak"),
                        root.resolve("docker/keycloak"), port("MSSANTE_KEYCLOAK_PORT", 8180), "admin"));
        LocalPlatform platform = new LocalPlatform(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping WildFly, Keycloak and PostgreSQL...");
            try {
                platform.close();
            } catch (Exception e) {
                System.err.println("stop failed: " + e);
            }
            stopped.countDown();
        }, "mssante-stop"));

        System.out.println("Starting PostgreSQL on 127.0.0.1:" + settings.databasePort() + ", Keycloak on 127.0.0.1:"
                + settings.keycloak().port() + " and WildFly...");
        platform.start();
        Files.writeString(workDir.resolve("db.port"), Integer.toString(settings.databasePort()));
        System.out.printf("""

                MSSanté platform is up (dev mode: the REST API is open, without authentication).
                  Health        %1$s/health
                  REST API      %1$s/api/v1/mailboxes/dr.martin@hopital-demo.mssante.fr/messages
                  SMTP (MX)     127.0.0.1:%2$d
                  Submission    127.0.0.1:%3$d
                  IMAP          127.0.0.1:%6$d  (dr.martin@hopital-demo.mssante.fr / Demo-Mssante-2026)
                  PostgreSQL    %4$s (user mssante, password mssante)
                  Server log    %5$s
                  Self-service  %1$s/self-service/
                  Keycloak      %7$s/admin/ (admin / %8$s), log %9$s
                Demo mailboxes: dr.martin@ (PER), secretariat.cardio@ (ORG), dpi@ (APP) @hopital-demo.mssante.fr
                Demo logins (Keycloak realm mssante, PSC stand-in realm esante-wallet):
                  Pro Santé Connect  810001234567 / Demo-Psc-2026 (Jean Martin), 810009876543, ANS20231122132732 (same password)
                  Operator admin     operator / Demo-Operator-2026
                  Tenant admins      admin.demo (FINESS 750000001), admin.autre (750000002) / Demo-Admin-2026
                Press Ctrl-C to stop.
                """, platform.baseUrl(), settings.smtpPort(), settings.submissionPort(),
                platform.database().jdbcUrl(), platform.server().serverLog(), settings.imapPort(),
                platform.keycloak().baseUrl(), platform.keycloak().adminPassword(), platform.keycloak().log());
        stopped.await();
    }

    private static int port(String variable, int dflt) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? dflt : Integer.parseInt(value.trim());
    }
}
