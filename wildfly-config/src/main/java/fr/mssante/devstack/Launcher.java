package fr.mssante.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./mssante run}: the platform on embedded defaults. Ports come from the environment
 * (MSSANTE_HTTP_PORT, MSSANTE_SMTP_PORT, MSSANTE_SUBMISSION_PORT, MSSANTE_IMAP_PORT, MSSANTE_DB_PORT,
 * MSSANTE_MANAGEMENT_PORT, MSSANTE_KEYCLOAK_PORT, MSSANTE_SMTPS_PORT, MSSANTE_IMAPS_PORT;
 * MSSANTE_AUTH_ALLOW_PLAINTEXT=true allows authentication before TLS); TLS uses the development CA of
 * {@code .run/tls} unless MSSANTE_TLS_CERTIFICATE / _PRIVATE_KEY / _CLIENT_TRUST are given; state lives in
 * {@code .run/} (database, broker journal, Keycloak's database, logs) and survives restarts. Ctrl-C or
 * SIGTERM stops WildFly, Keycloak, then PostgreSQL.
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
                port("MSSANTE_SMTPS_PORT", 10465),
                port("MSSANTE_IMAPS_PORT", 10993),
                true,
                // Development only: LOGIN and AUTH before STARTTLS, for a client that cannot do TLS.
                Boolean.parseBoolean(System.getenv("MSSANTE_AUTH_ALLOW_PLAINTEXT")),
                new LocalPlatform.Keycloak(root.resolve("wildfly-config/target/keycloak"),
                        root.resolve("docker/keycloak"), port("MSSANTE_KEYCLOAK_PORT", 8180), "admin"),
                Map.of());
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

        System.out.println("TLS certificates signed by " + platform.caCertificate()
                + " (import this CA in Thunderbird to trust the server)");
        System.out.println("Starting PostgreSQL on 127.0.0.1:" + settings.databasePort() + ", Keycloak on 127.0.0.1:"
                + settings.keycloak().port() + " and WildFly...");
        platform.start();
        Files.writeString(workDir.resolve("db.port"), Integer.toString(settings.databasePort()));
        System.out.printf("""

                MSSanté platform is up (development settings: demo data, dev CA, Keycloak with the PSC stand-in).
                  Console       %1$s/console/  (establishments' administrators; log in as admin.demo below)
                  Health        %1$s/health
                  REST API      %1$s/api/v1/... (bearer tokens of the mssante realm); interactive page %1$s/api/
                  SMTP (MX)     127.0.0.1:%2$d
                  Submission    127.0.0.1:%3$d
                  IMAP          127.0.0.1:%6$d  STARTTLS (dr.martin@hopital-demo.mssante.fr / Demo-Mssante-2026)
                  SMTPS / IMAPS 127.0.0.1:%7$d / 127.0.0.1:%8$d (implicit TLS; STARTTLS on the ports above)
                  TLS CA        %9$s  (import it in your mail client as a trusted authority)
                  PostgreSQL    %4$s (owner mssante / mssante; the platform connects as mssante_app, under row-level security)
                  Server log    %5$s
                  Self-service  %1$s/self-service/
                  Keycloak      %10$s/admin/ (admin / %11$s), log %12$s
                Demo mailboxes: dr.martin@ (PER), secretariat.cardio@ (ORG, delegated to Dr Martin), dpi@ (APP,
                  SASL EXTERNAL with the client certificate of %13$s) @hopital-demo.mssante.fr
                Demo logins (Keycloak realm mssante, PSC stand-in realm esante-wallet):
                  Pro Santé Connect  810001234567 / Demo-Psc-2026 (Jean Martin), 810009876543, ANS20231122132732 (same password)
                  Operator admin     operator / Demo-Operator-2026
                  Tenant admins      admin.demo (FINESS 750000001), admin.autre (750000002) / Demo-Admin-2026
                Press Ctrl-C to stop.
                """, platform.baseUrl(), settings.smtpPort(), settings.submissionPort(),
                platform.database().jdbcUrl(), platform.server().serverLog(), settings.imapPort(),
                settings.smtpsPort(), settings.imapsPort(), platform.caCertificate(),
                platform.keycloak().baseUrl(), platform.keycloak().adminPassword(), platform.keycloak().log(),
                workDir.resolve("tls").resolve("dpi"));
        if (platform.whitelistServer() != null) {
            System.out.println("Whitelist (dev stand-in for ANS's): " + platform.whitelistServer().listUrl()
                    + ", files in " + platform.whitelistServer().directory() + " (GET /api/v1/whitelist shows what the platform uses)");
        }
        stopped.await();
    }

    private static int port(String variable, int dflt) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? dflt : Integer.parseInt(value.trim());
    }
}
