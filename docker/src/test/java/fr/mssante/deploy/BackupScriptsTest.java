package fr.mssante.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refusals of docker/backup that need no database (the round trip is ear's BackupRestoreIT): no
 * backup in clear, no restore of a file that does not decrypt under the key, whatever else is configured.
 */
class BackupScriptsTest {

    private static final Path SCRIPTS = DeploymentFilesTest.DOCKER.resolve("backup");

    private record Outcome(int exitCode, String output) {
    }

    @Test
    void backupRefusesToRunWithoutAKey(@TempDir Path dir) throws Exception {
        Outcome o = run(Map.of(), "mssante-backup.sh", dir.resolve("b.tar.gpg").toString());
        assertThat(o.exitCode()).isNotZero();
        assertThat(o.output()).contains("MSSANTE_BACKUP_KEY_FILE is not set");
        assertThat(dir.resolve("b.tar.gpg")).doesNotExist();
    }

    @Test
    void restoreRefusesAFileThatDoesNotDecryptUnderTheKey(@TempDir Path dir) throws Exception {
        requireGpg();
        Path key = Files.writeString(dir.resolve("key"), "the key");
        Path other = Files.writeString(dir.resolve("other"), "another key");
        Path file = dir.resolve("b.tar.gpg");
        Process gpg = new ProcessBuilder("gpg", "--batch", "--quiet", "--pinentry-mode", "loopback",
                "--passphrase-file", other.toString(), "--symmetric", "--cipher-algo", "AES256",
                "--output", file.toString()).redirectErrorStream(true).start();
        gpg.getOutputStream().write("not a backup".getBytes(StandardCharsets.UTF_8));
        gpg.getOutputStream().close();
        assertThat(gpg.waitFor()).isZero();

        // No database is reachable here: the refusal must come before any connection.
        Outcome o = run(Map.of("MSSANTE_BACKUP_KEY_FILE", key.toString(), "PGHOST", "127.0.0.1", "PGPORT", "1"),
                "mssante-restore.sh", file.toString(), "--wipe");
        assertThat(o.exitCode()).isNotZero();
        assertThat(o.output()).contains("cannot decrypt").doesNotContain("connect");
    }

    private static void requireGpg() {
        assertThat(Files.isExecutable(Path.of("/usr/bin/gpg")))
                .as("gpg is missing: run .ci/install-debian (package gnupg)").isTrue();
    }

    private static Outcome run(Map<String, String> environment, String script, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(SCRIPTS.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("MSSANTE_BACKUP_KEY_FILE");
        pb.environment().putAll(environment);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Outcome(p.waitFor(), output);
    }
}
