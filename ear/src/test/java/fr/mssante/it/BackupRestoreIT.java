package fr.mssante.it;

import fr.mssante.devstack.EmbeddedDatabase;
import fr.mssante.devstack.LocalPlatform;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static fr.mssante.it.Identities.ADMIN_DEMO;
import static fr.mssante.it.Identities.ADMIN_PASSWORD;
import static fr.mssante.it.Identities.DEMO_APP_PASSWORD;
import static fr.mssante.it.Identities.DOMAIN;
import static fr.mssante.it.Identities.DR_MARTIN;
import static fr.mssante.it.Identities.DR_MARTIN_ID;
import static fr.mssante.it.Identities.OPERATOR;
import static fr.mssante.it.Identities.OPERATOR_PASSWORD;
import static fr.mssante.it.Identities.PRACTITIONER_TEST_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backup and restore as an operator runs them (docs/operations/backup.md): the production scripts of
 * docker/backup against this platform's database and Keycloak. Backup, then the platform changes (a new
 * message) and loses everything (database wiped by the restore, Keycloak realm deleted), then restore:
 * every message reads over IMAP with the same bytes, the message written after the backup is gone, the
 * audit chain verifies, the app password and the Keycloak logins work.
 *
 * <p>It stops WildFly and replaces the shared platform's database, so it runs after the other classes
 * (but before {@link DatabaseOutageIT}); the restore puts back the state of the backup, which is the
 * state the other tests left.
 */
@ExtendWith(PlatformExtension.class)
@Order(Integer.MAX_VALUE - 1)
class BackupRestoreIT {

    private static final Duration DELIVERY = Duration.ofSeconds(60);

    private final LocalPlatform platform;
    private final Path scripts = Path.of(System.getProperty("mssante.keycloak.realms")).getParent().resolve("backup");

    BackupRestoreIT(LocalPlatform platform) {
        this.platform = platform;
    }

    @BeforeAll
    static void practitionerAccount() {
        PlatformSession.keycloak().ensurePractitioner(DR_MARTIN_ID, PRACTITIONER_TEST_PASSWORD);
    }

    @Test
    void backup_wipe_restore_gives_back_every_message_the_audit_chain_and_the_logins() throws Exception {
        RestClient operator = RestClient.asOperator(platform);
        MailUser user = newMailboxWithAppPassword(operator);
        MailUser drMartin = new MailUser(DR_MARTIN, DEMO_APP_PASSWORD, platform.settings().submissionPort(),
                platform.settings().imapPort(), platform.caCertificate());
        String subject = "Sauvegarde " + UUID.randomUUID();
        assertThat(user.submit(withAttachment(user.address(), DR_MARTIN, subject, 200_000), DR_MARTIN,
                user.address())).startsWith("250");
        assertThat(user.submit(eightBit(user.address(), DR_MARTIN, subject + " bis"), DR_MARTIN))
                .startsWith("250");
        user.awaitSubject(subject, DELIVERY);
        awaitCount(drMartin, subject, 2);

        Map<Long, String> userBefore = contentHashes(user);
        Map<Long, String> drMartinBefore = contentHashes(drMartin);
        assertThat(userBefore).isNotEmpty();
        // The chain runs through every establishment's events: an establishment's administrator may not ask.
        assertThat(operator.as(PlatformSession.keycloak().bearer(ADMIN_DEMO, ADMIN_PASSWORD))
                .get("/api/v1/audit/chain").status()).isEqualTo(403);
        JsonObject chainBefore = auditChain(operator);
        assertThat(chainBefore.getBoolean("intact")).as(chainBefore.toString()).isTrue();

        Path work = Files.createTempDirectory(platform.settings().workDir(), "backup");
        Path key = Files.writeString(work.resolve("backup.key"), UUID.randomUUID().toString());
        Path backup = work.resolve("platform.tar.gpg");
        // Keycloak's dev database is an H2 file its server locks: the export reads it while Keycloak is stopped.
        platform.keycloak().stop();
        try {
            run(backupEnvironment(key), scripts.resolve("mssante-backup.sh").toString(), backup.toString())
                    .assertSuccess();
        } finally {
            platform.keycloak().start();
            platform.keycloak().awaitReady(Duration.ofMinutes(3));
        }

        // Refused before anything is touched: another key, a damaged file, a database that is not empty.
        Path otherKey = Files.writeString(work.resolve("other.key"), "not the key");
        run(restoreEnvironment(otherKey), restore(), backup.toString(), "--wipe").assertFailure("cannot decrypt");
        Path damaged = work.resolve("damaged.tar.gpg");
        byte[] bytes = Files.readAllBytes(backup);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(damaged, bytes);
        run(restoreEnvironment(key), restore(), damaged.toString(), "--wipe").assertFailure("cannot decrypt");
        run(restoreEnvironment(key), restore(), backup.toString()).assertFailure("is not empty");
        Map<String, String> olderApplication = new TreeMap<>(restoreEnvironment(key));
        olderApplication.put("MSSANTE_RESTORE_SCHEMA_VERSION", "9");
        run(olderApplication, restore(), backup.toString(), "--wipe").assertFailure("is newer than the application's 9");

        String afterBackup = "Apres sauvegarde " + UUID.randomUUID();
        assertThat(user.submit(eightBit(user.address(), user.address(), afterBackup), user.address()))
                .startsWith("250");
        user.awaitSubject(afterBackup, DELIVERY);

        platform.stopServer();
        try {
            PlatformSession.keycloak().deleteRealm(KeycloakClient.REALM);
            run(restoreEnvironment(key), restore(), backup.toString(), "--wipe").assertSuccess();
        } finally {
            platform.startServer();
        }

        assertThat(contentHashes(user)).isEqualTo(userBefore);
        assertThat(contentHashes(drMartin)).isEqualTo(drMartinBefore);
        assertThat(user.uidsWithSubject(afterBackup)).isEmpty();
        assertThat(storedBlobsMatchTheirDigest()).isTrue();
        // Fresh tokens from the restored realm: the users' password hashes came back with it, and WildFly
        // accepts its tokens (same signing keys).
        PlatformSession.keycloak().freshToken(OPERATOR, OPERATOR_PASSWORD);
        PlatformSession.keycloak().freshToken(DR_MARTIN_ID, PRACTITIONER_TEST_PASSWORD);
        JsonObject chainAfter = auditChain(operator);
        assertThat(chainAfter.getBoolean("intact")).as(chainAfter.toString()).isTrue();
        assertThat(chainAfter.getJsonNumber("events").longValue())
                .isGreaterThanOrEqualTo(chainBefore.getJsonNumber("events").longValue());
    }

    private MailUser newMailboxWithAppPassword(RestClient operator) throws Exception {
        String address = "backup-" + UUID.randomUUID().toString().substring(0, 8) + "@" + DOMAIN;
        RestClient.Reply created = operator.post("/api/v1/mailboxes", "{\"address\":\"" + address
                + "\",\"type\":\"PER\",\"ownerNationalId\":\"" + DR_MARTIN_ID + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        RestClient practitioner = operator.as(PlatformSession.keycloak().bearer(DR_MARTIN_ID, PRACTITIONER_TEST_PASSWORD));
        RestClient.Reply appPassword = practitioner.post("/api/v1/me/mailboxes/" + address + "/app-passwords",
                "{\"name\":\"backup\"}");
        assertThat(appPassword.status()).as(appPassword.body()).isEqualTo(201);
        return new MailUser(address, appPassword.json().getString("password"), platform.settings().submissionPort(),
                platform.settings().imapPort(), platform.caCertificate());
    }

    private static void awaitCount(MailUser user, String subject, int count) throws Exception {
        long deadline = System.nanoTime() + DELIVERY.toNanos();
        while (user.uidsWithSubject(subject).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(count + " messages '" + subject + "' did not reach " + user.address());
            }
            Thread.sleep(500);
        }
    }

    /** UID → SHA-256 of {@code UID FETCH BODY.PEEK[]}, for every INBOX message, logged in with the app password. */
    private Map<Long, String> contentHashes(MailUser user) throws Exception {
        Map<Long, String> hashes = new TreeMap<>();
        try (ImapWire imap = new ImapWire(platform.settings().imapPort(), platform.caCertificate())) {
            imap.command("LOGIN \"" + user.address() + "\" \"" + user.password() + "\"");
            imap.command("EXAMINE INBOX");
            for (String line : imap.command("UID SEARCH ALL")) {
                if (line.startsWith("* SEARCH")) {
                    for (String uid : line.substring("* SEARCH".length()).trim().split(" ")) {
                        if (!uid.isEmpty()) {
                            byte[] raw = imap.rawMessage(Long.parseLong(uid));
                            hashes.put(Long.parseLong(uid),
                                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)));
                        }
                    }
                }
            }
        }
        return hashes;
    }

    /** UTF-8 text sent as 8BITMIME (RFC 6152): the bytes above 127 must come back unchanged. */
    private static byte[] eightBit(String from, String to, String subject) {
        return ("From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: " + subject + "\r\nMessage-ID: <"
                + UUID.randomUUID() + "@" + DOMAIN + ">\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Compte rendu : résultat d'échographie, à conserver.\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A report with a binary attachment of {@code size} random bytes (base64, RFC 2045 section 6.8). */
    private static byte[] withAttachment(String from, String to, String subject, int size) {
        byte[] attachment = new byte[size];
        new java.util.Random(size).nextBytes(attachment);
        String boundary = "b-" + UUID.randomUUID();
        return ("From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: " + subject + "\r\nMessage-ID: <"
                + UUID.randomUUID() + "@" + DOMAIN + ">\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n"
                + "--" + boundary + "\r\nContent-Type: text/plain; charset=US-ASCII\r\n\r\nCompte rendu joint.\r\n"
                + "--" + boundary + "\r\nContent-Type: application/pdf; name=\"cr.pdf\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getMimeEncoder().encodeToString(attachment) + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Every stored message body of every establishment still has the SHA-256 it is filed under. */
    private boolean storedBlobsMatchTheirDigest() throws Exception {
        try (Connection db = platform.database().connect(); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE sha256 <> encode(sha256(content), 'hex')), "
                     + "count(*) FROM blob")) {
            rs.next();
            return rs.getLong(1) == 0 && rs.getLong(2) > 0;
        }
    }

    private static JsonObject auditChain(RestClient operator) throws Exception {
        RestClient.Reply reply = operator.get("/api/v1/audit/chain");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private String restore() {
        return scripts.resolve("mssante-restore.sh").toString();
    }

    private Map<String, String> databaseEnvironment(Path key) {
        return Map.of("PGHOST", "127.0.0.1", "PGPORT", Integer.toString(platform.database().port()),
                "PGDATABASE", EmbeddedDatabase.DATABASE, "PGUSER", EmbeddedDatabase.USER,
                "PGPASSWORD", EmbeddedDatabase.PASSWORD, "MSSANTE_BACKUP_KEY_FILE", key.toString());
    }

    private Map<String, String> backupEnvironment(Path key) {
        Map<String, String> env = new TreeMap<>(databaseEnvironment(key));
        env.put("KEYCLOAK_HOME", platform.settings().workDir().resolve("keycloak").toString());
        env.put("MSSANTE_APP_VERSION", "it");
        return env;
    }

    private Map<String, String> restoreEnvironment(Path key) {
        Map<String, String> env = new TreeMap<>(databaseEnvironment(key));
        env.put("KEYCLOAK_URL", platform.keycloak().baseUrl());
        env.put("KEYCLOAK_ADMIN_USER", platform.keycloak().adminUser());
        env.put("KEYCLOAK_ADMIN_PASSWORD", platform.keycloak().adminPassword());
        return env;
    }

    private record Outcome(int exitCode, String output) {
        void assertSuccess() {
            assertThat(exitCode).as(output).isZero();
        }

        void assertFailure(String message) {
            assertThat(exitCode).as(output).isNotZero();
            assertThat(output).contains(message);
        }
    }

    private static Outcome run(Map<String, String> environment, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Arrays.asList(command)).redirectErrorStream(true);
        pb.environment().putAll(environment);
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(List.of(command) + " did not finish");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        System.out.println(String.join(" ", command) + "\n" + text);
        return new Outcome(p.exitValue(), text);
    }
}
