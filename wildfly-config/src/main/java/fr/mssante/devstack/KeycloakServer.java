package fr.mssante.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Keycloak (the Quarkus distribution unpacked by this module in {@code target/keycloak}) as a child
 * process in dev mode, importing the versioned realm files of {@code docker/keycloak} (the operator realm
 * {@code mssante}, as production imports it) and of its {@value #DEV_OVERLAY} overlay (the operator realm's
 * demo users, and {@code esante-wallet}, a stand-in for Pro Santé Connect).
 *
 * <p>Keycloak keeps its H2 database and its import folder under {@code <home>/data}, and
 * {@code --import-realm} skips realms that already exist. So each instance gets a home of its own:
 * {@code bin} and {@code conf} copied (kc.sh derives the home from its own resolved path), {@code lib},
 * {@code themes} and {@code providers} linked to the distribution. {@link #start} clears the data
 * folder when the realm files or their placeholder values changed since the last start, so the realms
 * are always those of the files; otherwise (dev restarts) users created by PSC logins are kept.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String RELATIVE_PATH = "/auth";
    /** The realm whose readiness says that the realm files are imported. */
    public static final String OPERATOR_REALM = "mssante";
    public static final String PSC_STAND_IN_REALM = "esante-wallet";
    public static final String ADMIN_USER = "admin";
    /**
     * The sub-folder of the realm files that only this launcher imports (docker/keycloak/README.md): the
     * Pro Santé Connect stand-in realm and the operator realm's demo users. Production imports the top
     * level only: no user, no stand-in.
     */
    public static final String DEV_OVERLAY = "dev";
    /** The development value of the PSC client secret, shared by the broker and the stand-in realm. */
    public static final String DEV_PSC_CLIENT_SECRET = "dev-only-psc-client-secret";
    private static final Pattern IMPORTED = Pattern.compile(".+-realm\\.json|.+-users-[0-9]+\\.json");

    private final Path distribution;
    private final Path realmFiles;
    private final Path home;
    private final int port;
    private final String adminPassword;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Process process;

    /**
     * @param distribution  unpacked keycloak-quarkus-dist (wildfly-config/target/keycloak)
     * @param realmFiles    folder of realm JSON files to import (docker/keycloak), with its {@value #DEV_OVERLAY} overlay
     * @param home          this instance's home; its data (H2 database) is replaced at each start
     * @param port          HTTP port on 127.0.0.1
     * @param adminPassword password of the bootstrap administrator {@value #ADMIN_USER} (master realm)
     */
    public KeycloakServer(Path distribution, Path realmFiles, Path home, int port, String adminPassword) {
        this.distribution = distribution;
        this.realmFiles = realmFiles;
        this.home = home;
        this.port = port;
        this.adminPassword = adminPassword;
    }

    /**
     * Sets a variable of the Keycloak process; the realm files read theirs as {@code ${NAME:default}}
     * placeholders (URLs, secrets) that differ between this machine and production.
     */
    public KeycloakServer environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>/auth}: what keycloak-js and the admin REST API are given. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port + RELATIVE_PATH;
    }

    /** The issuer of a realm, e.g. {@code http://127.0.0.1:8180/auth/realms/mssante}. */
    public String realmUrl(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    public String adminUser() {
        return ADMIN_USER;
    }

    public String adminPassword() {
        return adminPassword;
    }

    public Path log() {
        return home.resolve("console.log");
    }

    /** Starts Keycloak; returns immediately (see {@link #awaitReady}). */
    public synchronized void start() throws IOException {
        if (process != null) {
            return;
        }
        // Otherwise another Keycloak on that port would answer the readiness probe in this one's place.
        if (!FreePorts.isFree(port)) {
            throw new IllegalStateException("port 127.0.0.1:" + port + " is already in use: cannot start Keycloak");
        }
        prepareHome();
        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                "--http-relative-path=" + RELATIVE_PATH,
                // One issuer whatever the Host header (browser, WildFly and Keycloak itself all agree).
                "--hostname=" + baseUrl(),
                // No management interface (it would listen on 9000 and collide between instances).
                "--health-enabled=false",
                "--metrics-enabled=false",
                "--import-realm"));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log().toFile());
        pb.environment().putAll(environment);
        pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        pb.environment().putIfAbsent("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
        process = pb.start();
    }

    /** Waits until the operator realm answers its discovery document, i.e. the import is done. */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(
                        URI.create(realmUrl(OPERATOR_REALM) + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Process p = process;
            if (p == null || !p.isAlive()) {
                throw new IllegalStateException("Keycloak exited" + (p == null ? "" : " with " + p.exitValue())
                        + " (see " + log() + ")");
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Keycloak not ready within " + timeout + " (see " + log() + ")");
    }

    /**
     * Graceful stop. kc.sh stays the parent of the JVM (it waits for it, to relaunch after a
     * re-augmentation), so the JVM gets the SIGTERM itself rather than relying on the script's trap.
     */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        ChildProcesses.stop(process, true, Duration.ofSeconds(30));
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * The files of {@code directory} that {@code --import-realm} reads (Keycloak's directory import): realms
     * ({@code <realm>-realm.json}) and the users added to a realm it imports ({@code <realm>-users-<n>.json}).
     */
    private static List<Path> importFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (var list = Files.list(directory)) {
            return list.filter(f -> IMPORTED.matcher(f.getFileName().toString()).matches()).sorted().toList();
        }
    }

    private void prepareHome() throws IOException {
        if (!Files.isRegularFile(distribution.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("no Keycloak at " + distribution + ": build wildfly-config first");
        }
        Files.createDirectories(home);
        for (String copied : List.of("bin", "conf")) {
            Directories.delete(home.resolve(copied));
            Directories.copy(distribution.resolve(copied), home.resolve(copied), null);
        }
        for (String linked : List.of("lib", "themes", "providers")) {
            Path link = home.resolve(linked);
            if (!Files.isSymbolicLink(link)) {
                Directories.delete(link);
                Files.createSymbolicLink(link, distribution.resolve(linked).toAbsolutePath());
            }
        }
        List<Path> files = new ArrayList<>(importFiles(realmFiles));
        files.addAll(importFiles(realmFiles.resolve(DEV_OVERLAY)));
        StringBuilder stamp = new StringBuilder(new TreeMap<>(environment).toString());
        for (Path f : files) {
            stamp.append('\n').append(f.getFileName()).append('=').append(Files.readString(f).hashCode());
        }
        Path data = home.resolve("data");
        Path stampFile = home.resolve(".realm-stamp");
        if (Files.exists(stampFile) && Files.readString(stampFile).contentEquals(stamp)) {
            return;
        }
        // Fresh database, so that --import-realm imports the realm files as they are now.
        Directories.delete(data);
        Path imports = Files.createDirectories(data.resolve("import"));
        for (Path f : files) {
            Files.copy(f, imports.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(stampFile, stamp);
    }
}
