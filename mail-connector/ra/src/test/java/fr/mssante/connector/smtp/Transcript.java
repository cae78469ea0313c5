package fr.mssante.connector.smtp;

import fr.mssante.connector.api.smtp.MailAddress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * An SMTP conversation script, played against a real server over real sockets. One directive per line:
 * <pre>
 * # comment (blank lines are ignored too)
 * CONFIG: key=value        server setting, before anything else (idleTimeout in milliseconds)
 * C: text                  client line, CRLF appended
 * R: text                  raw client bytes, nothing appended
 * S: regex                 next server line must match the whole regex (it must end with CRLF)
 * C*N: / R*N: / S*N:       the same, N times; {i} in the text becomes 1..N
 * CLOSED                   the server closes the connection
 * OPEN: name               opens another connection and makes it current ("main" is opened first)
 * USE: name                makes a connection current
 * ASSERT-DELIVERED: n      messages delivered so far
 * ASSERT-CHECKED: a, b     recipients seen by checkRecipient so far, in order (empty: none)
 * ASSERT-LAST-MESSAGE: t   content of the last delivered message
 * ASSERT-LAST-RECIPIENTS: n  recipient count of the last delivered message
 * </pre>
 * In C, R and ASSERT-LAST-MESSAGE text: {@code \r \n \\ \xHH} escapes and {@code {rep N text}}
 * (text repeated N times). Client lines accumulate and go out in one write when the script next
 * expects something, which is how pipelining is exercised.
 */
final class Transcript {

    private static final Pattern EXCHANGE = Pattern.compile("([CRS])(?:\\*(\\d+))?:(?: (.*))?");
    private static final Pattern DIRECTIVE = Pattern.compile("([A-Z-]+)(?:: ?(.*))?");
    private static final Pattern REPEAT = Pattern.compile("\\{rep (\\d+) ([^{}]*)}");

    private final String name;
    private final List<String> lines;

    private Transcript(String name, List<String> lines) {
        this.name = name;
        this.lines = lines;
    }

    static Transcript load(Path file) throws IOException {
        return new Transcript(file.getFileName().toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return name;
    }

    /** Applies the CONFIG lines. */
    SmtpServerConfig.Builder configure(SmtpServerConfig.Builder builder) {
        for (String line : lines) {
            if (!line.startsWith("CONFIG: ")) {
                continue;
            }
            String[] setting = line.substring("CONFIG: ".length()).split("=", 2);
            int value = Integer.parseInt(setting[1].trim());
            switch (setting[0].trim()) {
                case "maxMessageSize" -> builder.maxMessageSize(value);
                case "maxRecipients" -> builder.maxRecipients(value);
                case "maxConnections" -> builder.maxConnections(value);
                case "maxConnectionsPerIp" -> builder.maxConnectionsPerIp(value);
                case "idleTimeout" -> builder.idleTimeout(Duration.ofMillis(value));
                case "spoolThreshold" -> builder.spoolThreshold(value);
                default -> fail(name + ": unknown setting " + setting[0]);
            }
        }
        return builder;
    }

    void play(InetSocketAddress server, FakeSmtpListener listener) throws IOException {
        Map<String, SmtpTestClient> connections = new LinkedHashMap<>();
        SmtpTestClient current = new SmtpTestClient(server);
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
                            default -> assertThat(current.readLine()).as(where).matches(expanded);
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
                        current = new SmtpTestClient(server);
                        connections.put(argument, current);
                    }
                    case "USE" -> current = connections.get(argument);
                    case "ASSERT-DELIVERED" -> assertThat(listener.deliveries).as(where).hasSize(Integer.parseInt(argument));
                    case "ASSERT-CHECKED" -> assertThat(listener.checkedRecipients.stream().map(MailAddress::address))
                            .as(where)
                            .containsExactlyElementsOf(argument.isEmpty() ? List.of() : Arrays.asList(argument.split(" *, *")));
                    case "ASSERT-LAST-MESSAGE" -> assertThat(lastDelivery(listener, where).content())
                            .as(where).isEqualTo(bytes(argument));
                    case "ASSERT-LAST-RECIPIENTS" -> assertThat(lastDelivery(listener, where).envelope().recipients())
                            .as(where).hasSize(Integer.parseInt(argument));
                    default -> fail(where + ": unknown directive");
                }
            }
            current.send();
        } finally {
            connections.values().forEach(SmtpTestClient::close);
        }
    }

    private static FakeSmtpListener.Delivery lastDelivery(FakeSmtpListener listener, String where) {
        assertThat(listener.deliveries).as(where).isNotEmpty();
        return listener.deliveries.get(listener.deliveries.size() - 1);
    }

    /**
     * Expands {rep N text} (innermost first, so they nest) and the backslash escapes; characters map to
     * bytes one to one (ISO-8859-1).
     */
    static byte[] bytes(String text) {
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

    /** Lists the transcripts in a directory, in name order. */
    static List<Transcript> all(Path directory) throws IOException {
        List<Transcript> transcripts = new ArrayList<>();
        try (var files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                transcripts.add(load(file));
            }
        }
        return transcripts;
    }
}
