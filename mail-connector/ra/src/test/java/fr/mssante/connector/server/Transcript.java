package fr.mssante.connector.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A conversation script, played against a real server over real sockets, whatever the protocol. One
 * directive per line:
 * <pre>
 * # comment (blank lines are ignored too)
 * CONFIG: key=value        server setting, read by the protocol's test before the server starts
 * C: text                  client line, CRLF appended
 * R: text                  raw client bytes, nothing appended
 * S: regex                 next server line must match the whole regex (it must end with CRLF)
 * C*N: / R*N: / S*N:       the same, N times; {i} in the text becomes 1..N
 * CLOSED                   the server closes the connection
 * OPEN: name               opens another connection and makes it current ("main" is opened first)
 * USE: name                makes a connection current
 * NAME: argument           any other directive goes to the protocol's {@link Directives}
 * </pre>
 * In C and R text: {@code \r \n \\ \xHH} escapes and {@code {rep N text}} (text repeated N times).
 * Client lines accumulate and go out in one write when the script next expects something, which is how
 * pipelining is exercised.
 */
public final class Transcript {

    /** The protocol-specific directives (assertions on the fake listener...). */
    @FunctionalInterface
    public interface Directives {
        /** Handles {@code NAME: argument}; fails the test for an unknown name. */
        void run(String name, String argument, String where) throws IOException;
    }

    private static final Pattern EXCHANGE = Pattern.compile("([CRS])(?:\\*(\\d+))?:(?: (.*))?");
    private static final Pattern DIRECTIVE = Pattern.compile("([A-Z-]+)(?:: ?(.*))?");
    private static final Pattern REPEAT = Pattern.compile("\\{rep (\\d+) ([^{}]*)}");

    private final String name;
    private final List<String> lines;

    private Transcript(String name, List<String> lines) {
        this.name = name;
        this.lines = lines;
    }

    public static Transcript load(Path file) throws IOException {
        return new Transcript(file.getFileName().toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** Lists the transcripts in a directory, in name order. */
    public static List<Transcript> all(Path directory) throws IOException {
        List<Transcript> transcripts = new ArrayList<>();
        try (var files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                transcripts.add(load(file));
            }
        }
        return transcripts;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    /** The CONFIG lines, in order. */
    public Map<String, String> config() {
        Map<String, String> config = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.startsWith("CONFIG: ")) {
                String[] setting = line.substring("CONFIG: ".length()).split("=", 2);
                config.put(setting[0].trim(), setting[1].trim());
            }
        }
        return config;
    }

    public void play(InetSocketAddress server, Directives directives) throws IOException {
        Map<String, TestConnection> connections = new LinkedHashMap<>();
        TestConnection current = new TestConnection(server);
        connections.put("main", current);
        try {
            for (int number = 1; number <= lines.size(); number++) {
                String line = lines.get(number - 1);
                String where = name + ":" + number + " [" + line + "]";
                if (line.isBlank() || line.startsWith("#") || line.startsWith("CONFIG: ")) {
                    continue;
                }
                Matcher exchange = EXCHANGE.matcher(line);
                if (exchange.matches()) {
                    int times = exchange.group(2) == null ? 1 : Integer.parseInt(exchange.group(2));
                    String text = exchange.group(3) == null ? "" : exchange.group(3);
                    for (int i = 1; i <= times; i++) {
                        String expanded = text.replace("{i}", Integer.toString(i));
                        switch (exchange.group(1)) {
                            case "C" -> current.queue(bytes(expanded + "\\r\\n"));
                            case "R" -> current.queue(bytes(expanded));
                            default -> assertThat(readLine(current, where)).as(where).matches(expanded);
                        }
                    }
                    continue;
                }
                Matcher directive = DIRECTIVE.matcher(line);
                if (!directive.matches()) {
                    fail(where + ": cannot parse");
                }
                String argument = directive.group(2) == null ? "" : directive.group(2).trim();
                current.send();
                switch (directive.group(1)) {
                    case "CLOSED" -> assertThat(current.closedByServer()).as(where + " closed").isTrue();
                    case "OPEN" -> {
                        current = new TestConnection(server);
                        connections.put(argument, current);
                    }
                    case "USE" -> current = connections.get(argument);
                    default -> directives.run(directive.group(1), argument, where);
                }
            }
            current.send();
        } finally {
            connections.values().forEach(TestConnection::close);
        }
    }

    private static String readLine(TestConnection connection, String where) {
        try {
            return connection.readLine();
        } catch (IOException e) {
            throw new AssertionError(where + ": " + e, e);
        }
    }

    /**
     * Expands {rep N text} (innermost first, so they nest) and the backslash escapes; characters map to
     * bytes one to one (ISO-8859-1).
     */
    public static byte[] bytes(String text) {
        String expanded = text;
        for (Matcher repeat = REPEAT.matcher(expanded); repeat.find(); repeat = REPEAT.matcher(expanded)) {
            expanded = repeat.replaceAll(m -> Matcher.quoteReplacement(m.group(2).repeat(Integer.parseInt(m.group(1)))));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < expanded.length(); i++) {
            char c = expanded.charAt(i);
            if (c != '\\' || i == expanded.length() - 1) {
                out.write(c);
                continue;
            }
            char escaped = expanded.charAt(++i);
            switch (escaped) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case 'x' -> {
                    out.write(Integer.parseInt(expanded.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> out.write(escaped);
            }
        }
        return out.toByteArray();
    }
}
