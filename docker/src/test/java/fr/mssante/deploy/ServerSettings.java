package fr.mssante.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The settings the server really reads, found in its sources rather than written down a second time:
 * a name used by a deployment file is right only if the server reads it, so a typo fails a test.
 * <ul>
 * <li>environment variables read by the CLI scripts ({@code ${mssante.db.password,env.MSSANTE_DB_PASSWORD:…}})
 * or named in the Java sources ({@code System.getenv("MSSANTE_MODE")} and the settings classes' constants);</li>
 * <li>system properties: the CLI scripts' and the XML descriptors' (ironjacamar.xml) {@code ${mssante.…}} expressions and the
 * {@code "mssante.…"} literals of the Java sources;</li>
 * <li>through the image: the environment name of each property of docker/wildfly/system-properties.list,
 * which entrypoint.sh turns into that system property.</li>
 * </ul>
 */
final class ServerSettings {

    private static final Pattern CLI_ENVIRONMENT = Pattern.compile("env\\.(MSSANTE_[A-Z0-9_]+)");
    private static final Pattern EXPRESSION_PROPERTY = Pattern.compile("\\$\\{(mssante\\.[a-z0-9.-]*[a-z0-9])");
    private static final Pattern JAVA_ENVIRONMENT = Pattern.compile("\"(MSSANTE_[A-Z0-9_]+)\"");
    private static final Pattern JAVA_PROPERTY = Pattern.compile("\"(mssante\\.[a-z0-9.-]*[a-z0-9])\"");
    private static final List<String> MODULES = List.of("ejb", "web", "mail-connector", "mail-connector/api", "mail-connector/ra");

    private final Set<String> environment = new TreeSet<>();
    private final Set<String> properties = new TreeSet<>();
    private final Set<String> forwardedProperties;

    private ServerSettings(Set<String> forwardedProperties) {
        this.forwardedProperties = forwardedProperties;
    }

    static ServerSettings read() {
        ServerSettings settings = new ServerSettings(imageProperties());
        for (Path cli : files(Repository.ROOT.resolve("wildfly-config/src/main/cli"), ".cli")) {
            String text = read(cli);
            settings.environment.addAll(all(CLI_ENVIRONMENT, text));
            settings.properties.addAll(all(EXPRESSION_PROPERTY, text));
        }
        for (String module : MODULES) {
            Path main = Repository.ROOT.resolve(module).resolve("src/main");
            for (Path java : files(main.resolve("java"), ".java")) {
                String text = read(java);
                settings.environment.addAll(all(JAVA_ENVIRONMENT, text));
                settings.properties.addAll(all(JAVA_PROPERTY, text));
            }
            // ironjacamar.xml (src/main/rar), web.xml, persistence.xml...
            for (Path xml : files(main, ".xml")) {
                settings.properties.addAll(all(EXPRESSION_PROPERTY, read(xml)));
            }
        }
        return settings;
    }

    /** {@code mssante.tls.private-key} → {@code MSSANTE_TLS_PRIVATE_KEY}, as the settings readers and entrypoint.sh derive it. */
    static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The properties docker/wildfly/entrypoint.sh passes from the environment. */
    static Set<String> imageProperties() {
        Set<String> names = new TreeSet<>();
        for (String line : read(Repository.DOCKER.resolve("wildfly/system-properties.list")).split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return names;
    }

    /** Whether a WildFly node reads this environment variable, directly or through the image's entrypoint. */
    boolean readsEnvironment(String variable) {
        return environment.contains(variable)
                || forwardedProperties.stream().anyMatch(p -> environmentName(p).equals(variable)
                        && readsProperty(p));
    }

    boolean readsProperty(String property) {
        return properties.contains(property);
    }

    Set<String> forwardedProperties() {
        return forwardedProperties;
    }

    private static Set<String> all(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static List<Path> files(Path folder, String suffix) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
