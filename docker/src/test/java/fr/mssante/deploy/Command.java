package fr.mssante.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the real tools the deployment files are written for (docker-compose, kubectl, haproxy).
 * A missing tool fails the test, naming the installer: a validation that silently skips would pass
 * on a machine that validates nothing.
 */
final class Command {

    /** What the program printed and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {
        String output() {
            return stdout + stderr;
        }
    }

    private Command() {
    }

    static Result run(Path workingDirectory, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        Path program = Path.of(command[0]);
        if (!Files.isExecutable(program)) {
            throw new AssertionError(program + " is missing: run .ci/install-debian (as root), which installs "
                    + "the programs listed in .ci/debian-packages");
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(workingDirectory.toFile());
        builder.environment().putAll(environment);
        Path out = Files.createTempFile("command", ".out");
        Path err = Files.createTempFile("command", ".err");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 120 s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static Result run(Path workingDirectory, String... command) throws IOException, InterruptedException {
        return run(workingDirectory, Map.of(), command);
    }

    /** Runs and fails the test, with everything the program printed, unless it exits 0. */
    static String succeed(Path workingDirectory, String... command) throws IOException, InterruptedException {
        Result result = run(workingDirectory, command);
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + result.exitCode() + ":\n"
                    + result.output());
        }
        return result.stdout();
    }
}
