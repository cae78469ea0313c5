package fr.mssante.connector.imap;

import fr.mssante.connector.imap.session.ImapEngine;
import fr.mssante.connector.sasl.SaslMechanisms;
import fr.mssante.connector.server.ConnectedEmbeddedChannel;
import fr.mssante.connector.server.EscapedExceptions;
import fr.mssante.connector.server.MessageSpool;
import fr.mssante.connector.imap.response.ImapResponseEncoder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Fuzzing of a whole IMAP connection (issue 10, item 4; ADR 0031): decoder, session and handler of the
 * real pipeline on an in-memory channel over {@link FakeImapStore}, fed hostile commands split at random,
 * before and after login. Every command gets its tagged completion (RFC 3501 section 2.2.2: OK, NO or
 * BAD) in order, unless the server closes the connection, and then only after an untagged BYE (section
 * 7.1.5); garbage without a usable tag gets an untagged BAD; nothing is caught as a bug.
 */
class ImapSessionFuzzTest {

    private static final Duration PER_INPUT = Duration.ofSeconds(10);
    private static final Pattern TAGGED_COMPLETION = Pattern.compile("^(g\\d+) (?:OK|NO|BAD)\\b", Pattern.MULTILINE | Pattern.UNIX_LINES);
    private static final Pattern UNTAGGED_BAD = Pattern.compile("^\\* BAD\\b", Pattern.MULTILINE | Pattern.UNIX_LINES);
    private static final Path SPOOL = temporarySpool();
    private static final String LOGIN = "a1 LOGIN " + FakeImapStore.ALICE + " " + FakeImapStore.PASSWORD + "\r\n";

    private final ImapServerConfig config = ImapTestConfigs.builder(SPOOL).maxLiteral(1024).build();

    @Property
    void everyTaggedCommandIsCompletedInOrderUntilBye(@ForAll("commands") List<String> commands,
                                                     @ForAll boolean loggedIn, @ForAll boolean selected,
                                                     @ForAll("readSizes") List<Integer> readSizes) {
        StringBuilder stream = new StringBuilder();
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            tags.add("g" + i);
            stream.append(ImapFuzzInputs.tagged("g" + i, commands.get(i))).append("\r\n");
        }
        String prologue = (loggedIn ? LOGIN : "") + (loggedIn && selected ? "a2 SELECT INBOX\r\n" : "");
        String output = converse((prologue + stream).getBytes(StandardCharsets.UTF_8), readSizes);

        assertCompletedInOrder(output, tags);
    }

    @Property
    void everyCommandWithLiteralsIsCompleted(@ForAll("literalCommands") List<ImapFuzzInputs.LiteralCommand> commands,
                                             @ForAll("readSizes") List<Integer> readSizes) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(LOGIN.getBytes(StandardCharsets.US_ASCII));
        for (ImapFuzzInputs.LiteralCommand command : commands) {
            stream.writeBytes(command.octets());
        }
        String output = converse(stream.toByteArray(), readSizes);

        List<String> tags = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            tags.add("g" + i);
        }
        assertCompletedInOrder(output, tags);
    }

    @Property
    void untaggedGarbageGetsAnUntaggedBad(@ForAll("garbage") String line, @ForAll("readSizes") List<Integer> readSizes) {
        String output = converse((line + "\r\n").getBytes(StandardCharsets.UTF_8), readSizes);

        assertThat(UNTAGGED_BAD.matcher(output).find()).as(output).isTrue();
    }

    private String converse(byte[] input, List<Integer> readSizes) {
        try (EscapedExceptions escaped = EscapedExceptions.record()) {
            ConnectedEmbeddedChannel channel = assertTimeoutPreemptively(PER_INPUT, () -> {
                FakeImapStore store = new FakeImapStore();
                ImapEngine engine = new ImapEngine(config, ImapServer.invoker(Runnable::run, 4, call -> call.apply(store)),
                        SaslMechanisms.defaults());
                ImapFrameDecoder decoder = new ImapFrameDecoder(config.maxCommandLineLength(), config.maxLiteral(),
                        config.maxMessageSize(), () -> new MessageSpool(config.spoolThreshold(), SPOOL, "fuzz-"));
                ConnectedEmbeddedChannel c = new ConnectedEmbeddedChannel(ImapResponseEncoder.INSTANCE, decoder,
                        new ImapSessionHandler(engine, decoder, null, session -> { }));
                c.settle();
                c.send(input, readSizes);
                return c;
            });
            String output = channel.output();
            boolean open = channel.isOpen();
            channel.finishAndReleaseAll();
            assertThat(escaped.caught()).as(output).isEmpty();
            assertThat(output).startsWith("* OK");
            return open ? output : output + CLOSED;
        }
    }

    /** Marks the end of the output when the server closed the connection. */
    private static final String CLOSED = "\n<closed>";

    private static void assertCompletedInOrder(String output, List<String> tags) {
        List<String> completed = new ArrayList<>();
        Matcher m = TAGGED_COMPLETION.matcher(output.replace("\r\n", "\n"));
        while (m.find()) {
            completed.add(m.group(1));
        }
        if (output.endsWith(CLOSED)) {
            assertThat(tags).as(output).startsWith(completed.toArray(String[]::new));
            assertThat(output).as("BYE before closing").containsPattern("(?m)^\\* BYE ");
        } else {
            assertThat(completed).as(output).isEqualTo(tags);
        }
    }

    @Provide
    Arbitrary<List<String>> commands() {
        return ImapFuzzInputs.command().list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<ImapFuzzInputs.LiteralCommand>> literalCommands() {
        return Arbitraries.integers().between(1, 3).flatMap(n -> {
            List<Arbitrary<ImapFuzzInputs.LiteralCommand>> each = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                each.add(ImapFuzzInputs.commandWithLiterals("g" + i));
            }
            return net.jqwik.api.Combinators.combine(each).as(List::copyOf);
        });
    }

    @Provide
    Arbitrary<String> garbage() {
        // No tag: empty, starting with a space, or with a character RFC 3501 section 9 excludes from tags.
        return Arbitraries.of("", " ", "(", ")", "{", "%", "*", "\"", "\\", "+").flatMap(start ->
                ImapFuzzInputs.arguments().map(rest -> start.isEmpty() && !rest.isEmpty() ? "" : start + rest));
    }

    @Provide
    Arbitrary<List<Integer>> readSizes() {
        return ImapFuzzInputs.readSizes();
    }

    private static Path temporarySpool() {
        try {
            return Files.createTempDirectory("imap-fuzz-spool");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
