package fr.mssante.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A mail client from Debian's packages (mbsync, neomutt, curl) run as a process, as a user would run it.
 * A missing program fails the test, naming the script that installs it: interop is not optional.
 */
final class ExternalClient {

    /** What the client printed (stdout and stderr together) and how it ended. */
    record Result(int exitCode, String output) {
    }

    private final Path program;
    private final Path workDirectory;
    private final Map<String, String> environment;

    private ExternalClient(Path program, Path workDirectory, Map<String, String> environment) {
        this.program = program;
        this.workDirectory = workDirectory;
        this.environment = environment;
    }

    /** @param environment added to the process environment; HOME is the work directory (no user dotfiles) */
    static ExternalClient of(String program, Path workDirectory, Map<String, String> environment) {
        Path path = Path.of(program);
        if (!Files.isExecutable(path)) {
            throw new AssertionError(program + " is missing: run .ci/install-debian (it installs the packages"
                    + " listed in .ci/debian-packages)");
        }
        return new ExternalClient(path, workDirectory, environment);
    }

    Result run(List<String> arguments) throws IOException, InterruptedException {
        return run(arguments, null);
    }

    /** Runs the client with {@code stdin} (or nothing) as standard input, for at most a minute. */
    Result run(List<String> arguments, Path stdin) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(prepend(program.toString(), arguments))
                .directory(workDirectory.toFile())
                .redirectErrorStream(true)
                .redirectInput(stdin == null ? ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())
                        : ProcessBuilder.Redirect.from(stdin.toFile()));
        builder.environment().put("HOME", workDirectory.toString());
        builder.environment().putAll(environment);
        Path log = Files.createTempFile(workDirectory, program.getFileName().toString(), ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(program + " " + arguments + " did not finish within a minute:\n"
                    + Files.readString(log, StandardCharsets.ISO_8859_1));
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.ISO_8859_1));
    }

    private static List<String> prepend(String first, List<String> rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream()).toList();
    }
}
