package fr.mssante.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./mssante run}: the platform on embedded defaults. Ports come from the environment
 * (MSSANTE_HTTP_PORT, MSSANTE_SMTP_PORT, MSSANTE_SUBMISSION_PORT, MSSANTE_IMAP_PORT, MSSANTE_DB_PORT,
 * MSSANTE_MANAGEMENT_PORT, MSSANTE_KEYCLOAK_PORT, MSSANTE_SMTPS_PORT, MSSANTE_IMAPS_PORT;
 * MSSANTE_AUTH_ALLOW_PLAINTEXT=true allows authentication before TLS; MSSANTE_WILDFLY_PORT_OFFSET moves
 * WildFly's other ports, see {@link #wildflyPortOffset}); TLS uses the development CA of
 * {@code .run/tls} unless MSSANTE_TLS_CERTIFICATE / _PRIVATE_KEY / _CLIENT_TRUST are given; state lives in
 * {@code .run/} (database, broker journal, Keycloak's database, logs) and survives restarts. Ctrl-C or
 * SIGTERM stops WildFly, Keycloak, then PostgreSQL.
 */
public final class Launcher {

    private Launcher() {
    }

    /** Mail ports of the peer operator ({@code ./mssante peer}): the dev ports plus this. */
    static final int PEER_PORT_SHIFT = 1000;
    /**
     * WildFly port offset of the peer operator (HTTP 8280, management 10190): not {@link #PEER_PORT_SHIFT},
     * which would move the management HTTPS port 9993 onto the first operator's IMAPS 10993.
     */
    static final int PEER_WILDFLY_OFFSET = 200;

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        boolean peer = args.length > 1 && args[1].equals("peer");
        Path workDir = root.resolve(".run");
        Files.createDirectories(workDir);
        LocalPlatform.Settings operator = settings(root, workDir, 0, Map.of(
                // Mail for the peer operator goes to its MX (./mssante peer), queued while it is not running.
                "mssante.relay.transport", DevWhitelist.TEST_PEER_DOMAIN + "=127.0.0.1:" + (port("MSSANTE_SMTP_PORT", 10025)
                        + PEER_PORT_SHIFT)));
        if (peer) {
            Path peerDir = workDir.resolve("peer");
            Files.createDirectories(peerDir);
            LocalPlatform first = new LocalPlatform(operator);
            String firstMx = "127.0.0.1:" + operator.smtpPort();
            LocalPlatform.Settings settings = settings(root, peerDir, PEER_PORT_SHIFT, Map.of(
                    "mssante.demo.profile", "peer",
                    "mssante.hostname", "mx." + DevWhitelist.TEST_PEER_DOMAIN,
                    "mssante.relay.transport", DevWhitelist.DEMO_DOMAINS.stream().map(d -> d + "=" + firstMx)
                            .reduce((a, b) -> a + "," + b).orElseThrow()));
            run(LocalPlatform.peerOperator(settings, first), settings, peerDir, true);
        } else {
            run(new LocalPlatform(operator), operator, workDir, false);
        }
    }

    /**
     * The dev settings: every port from its MSSANTE_*_PORT variable (or its default) plus {@code shift}.
     */
    private static LocalPlatform.Settings settings(Path root, Path workDir, int shift, Map<String, String> properties) {
        return new LocalPlatform.Settings(
                root.resolve("wildfly-config/target/server"),
                root.resolve("ear/target/" + WildFlyServer.EAR_NAME),
                workDir, wildflyPortOffset() + (shift == 0 ? 0 : PEER_WILDFLY_OFFSET),
                port("MSSANTE_HTTP_PORT", 8080) + (shift == 0 ? 0 : PEER_WILDFLY_OFFSET),
                port("MSSANTE_MANAGEMENT_PORT", 9990) + (shift == 0 ? 0 : PEER_WILDFLY_OFFSET),
                port("MSSANTE_DB_PORT", 15432) + (shift == 0 ? 0 : 1),
                port("MSSANTE_SMTP_PORT", 10025) + shift,
                port("MSSANTE_SUBMISSION_PORT", 10587) + shift,
                port("MSSANTE_IMAP_PORT", 10143) + shift,
                port("MSSANTE_SMTPS_PORT", 10465) + shift,
                port("MSSANTE_IMAPS_PORT", 10993) + shift,
                // The dev whitelist's HTTPS publication, read by both operators (./mssante peer too).
                port("MSSANTE_WHITELIST_PORT", 10443),
                true,
                // Development only: LOGIN and AUTH before STARTTLS, for a client that cannot do TLS.
                Boolean.parseBoolean(System.getenv("MSSANTE_AUTH_ALLOW_PLAINTEXT")),
                new LocalPlatform.Keycloak(root.resolve("wildfly-config/target/keycloak"),
                        root.resolve("docker/keycloak"), port("MSSANTE_KEYCLOAK_PORT", 8180), "admin"),
                properties);
    }

    private static void run(LocalPlatform platform, LocalPlatform.Settings settings, Path workDir, boolean peer)
            throws Exception {
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
        try {
            platform.start();
        } catch (Exception e) {
            // Without this the processes already started (PostgreSQL, Keycloak, WildFly) outlive the failure
            // and keep the JVM alive; exiting runs the shutdown hook above, which stops them.
            System.err.println("The platform did not start: " + e.getMessage()
                    + "\nSee the logs under " + workDir + "; stopping what was started.");
            e.printStackTrace();
            System.exit(1);
        }
        Files.writeString(workDir.resolve("db.port"), Integer.toString(settings.databasePort()));
        if (peer) {
            System.out.printf("""

                    Peer operator is up: a second MSSanté operator beside ./mssante run (its Keycloak, its dev CA).
                      Domain        %1$s (operator certificate %2$s)
                      SMTP (MX)     127.0.0.1:%3$d  (mutual TLS with the first operator, both ways)
                      Submission    127.0.0.1:%4$d
                      IMAP          127.0.0.1:%5$d  STARTTLS (%6$s / Demo-Mssante-2026)
                      Health        %7$s/health
                      Server log    %8$s
                    Try: as dr.martin@hopital-demo.mssante.fr on the first operator, write to %6$s.
                    Press Ctrl-C to stop (the first operator keeps running).
                    """, DevWhitelist.TEST_PEER_DOMAIN, DevWhitelist.TEST_PEER_DN, settings.smtpPort(), settings.submissionPort(),
                    settings.imapPort(), LocalPlatform.PEER_DR_DURAND, platform.baseUrl(), platform.server().serverLog());
            stopped.await();
            return;
        }
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

    /**
     * MSSANTE_WILDFLY_PORT_OFFSET (default 0): WildFly's port offset, which moves the socket bindings that
     * have no MSSANTE_*_PORT of their own (HTTPS 8443, management HTTPS 9993, AJP 8009, transaction
     * recovery 4712/4713, IIOP 3528/3529), so that the platforms of two checkouts run side by side on one
     * machine (benchmarks, helpers); HTTP and management stay on MSSANTE_HTTP_PORT / _MANAGEMENT_PORT.
     */
    private static int wildflyPortOffset() {
        int offset = port("MSSANTE_WILDFLY_PORT_OFFSET", 0);
        int highest = Arrays.stream(WildFlyServer.BASE_PORTS).max().orElseThrow() + PEER_WILDFLY_OFFSET;
        if (offset < 0 || highest + offset > 65535) {
            throw new IllegalArgumentException("MSSANTE_WILDFLY_PORT_OFFSET must be between 0 and "
                    + (65535 - highest) + ", not " + offset);
        }
        return offset;
    }

    private static int port(String variable, int dflt) {
        String value = System.getenv(variable);
        try {
            return value == null || value.isBlank() ? dflt : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a number, not '" + value + "'", e);
        }
    }
}
