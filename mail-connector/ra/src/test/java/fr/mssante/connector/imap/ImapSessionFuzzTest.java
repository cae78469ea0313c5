package fr.mssante.connector.imap;

import fr.mssante.connector.fuzz.FuzzRandom;
import fr.mssante.connector.imap.session.ImapEngine;
import fr.mssante.connector.sasl.SaslMechanisms;
import fr.mssante.connector.server.ConnectedEmbeddedChannel;
import fr.mssante.connector.server.EscapedExceptions;
import fr.mssante.connector.server.MessageSpool;
import fr.mssante.connector.imap.response.ImapResponseEncoder;
import org.junit.jupiter.api.Test;

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

    @Test
    void everyTaggedCommandIsCompletedInOrderUntilBye() {
        FuzzRandom.run("IMAP connection, tagged commands", random -> {
            List<String> commands = new ArrayList<>();
            for (int n = random.between(0, 8); n > 0; n--) {
                commands.add(ImapFuzzInputs.command(random));
            }
            oneConversation(commands, random.nextBoolean(), random.nextBoolean(), random.readSizes());
        });
    }

    private void oneConversation(List<String> commands, boolean loggedIn, boolean selected, List<Integer> readSizes) {
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

    @Test
    void everyCommandWithLiteralsIsCompleted() {
        FuzzRandom.run("IMAP connection, literals", random -> {
            List<ImapFuzzInputs.LiteralCommand> commands = new ArrayList<>();
            for (int i = 0, n = random.between(1, 3); i < n; i++) {
                commands.add(ImapFuzzInputs.commandWithLiterals(random, "g" + i));
            }
            oneLiteralConversation(commands, random.readSizes());
        });
    }

    private void oneLiteralConversation(List<ImapFuzzInputs.LiteralCommand> commands, List<Integer> readSizes) {
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

    @Test
    void untaggedGarbageGetsAnUntaggedBad() {
        FuzzRandom.run("IMAP connection, untagged garbage", random -> oneGarbageLine(garbage(random), random.readSizes()));
    }

    private void oneGarbageLine(String line, List<Integer> readSizes) {
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

    /** No tag: empty, starting with a space, or with a character RFC 3501 section 9 excludes from tags. */
    private static String garbage(FuzzRandom random) {
        String start = random.pick("", " ", "(", ")", "{", "%", "*", "\"", "\\", "+");
        String rest = ImapFuzzInputs.arguments(random);
        return start.isEmpty() && !rest.isEmpty() ? "" : start + rest;
    }

    private static Path temporarySpool() {
        try {
            return Files.createTempDirectory("imap-fuzz-spool");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
