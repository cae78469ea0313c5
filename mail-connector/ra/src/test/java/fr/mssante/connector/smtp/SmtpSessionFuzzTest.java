package fr.mssante.connector.smtp;

import fr.mssante.connector.fuzz.FuzzRandom;
import fr.mssante.connector.sasl.SaslMechanisms;
import fr.mssante.connector.server.ConnectedEmbeddedChannel;
import fr.mssante.connector.server.EscapedExceptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * Fuzzing of a whole SMTP connection (issue 10, item 4; ADR 0031): decoder, session and handler of the
 * real pipeline on an in-memory channel, fed hostile lines split at random. Whatever arrives, every line
 * gets exactly one reply (RFC 5321 section 4.2: "every command MUST generate exactly one reply") until
 * the server closes the connection, and then only after a 221 or 421 reply (section 3.8); no exception
 * is caught as a bug on the way; each input is done within a deadline.
 */
class SmtpSessionFuzzTest {

    private static final Duration PER_INPUT = Duration.ofSeconds(10);
    /** The last line of a reply: code, space (a continuation line has a hyphen, section 4.2.1). */
    private static final Pattern FINAL_REPLY_LINE = Pattern.compile("^(\\d{3})(?: .*)?$", Pattern.MULTILINE | Pattern.UNIX_LINES);
    private static final byte[] CRLF = {'\r', '\n'};
    private static final Path SPOOL = temporarySpool();

    private final FakeSmtpListener listener = new FakeSmtpListener();
    private final SmtpServerConfig config = TestConfigs.builder(SPOOL).maxCommandLineLength(512).build();

    @Test
    void everyLineGetsOneReplyUntilTheServerSaysGoodbye() {
        FuzzRandom.run("SMTP connection", random -> oneConversation(SmtpFuzzInputs.conversation(random), random.readSizes()));
    }

    private void oneConversation(List<byte[]> lines, List<Integer> readSizes) {
        try (EscapedExceptions escaped = EscapedExceptions.record()) {
            byte[] input = stream(lines);
            int commandLines = crlfCount(input);
            ConnectedEmbeddedChannel channel = assertTimeoutPreemptively(PER_INPUT, () -> converse(input, readSizes));
            List<Integer> codes = finalReplyCodes(channel.output());

            assertThat(escaped.caught()).isEmpty();
            assertThat(codes).as("greeting").first().isEqualTo(220);
            if (channel.isOpen()) {
                assertThat(codes).as("one reply per line").hasSize(1 + commandLines);
            } else {
                assertThat(codes).as("at most one reply per line").hasSizeLessThanOrEqualTo(1 + commandLines);
                assertThat(codes).as("the reply before closing").last().isIn(221, 421);
            }
            assertThat(codes).as("no switch to message content").doesNotContain(354);
            channel.finishAndReleaseAll();
        }
    }

    private ConnectedEmbeddedChannel converse(byte[] input, List<Integer> readSizes) {
        SmtpFrameDecoder decoder = new SmtpFrameDecoder(SmtpAuthentication.lineCapacity(config),
                config.maxDataLineLength(), config.maxMessageSize());
        ConnectedEmbeddedChannel channel = new ConnectedEmbeddedChannel(SmtpReplyEncoder.INSTANCE, decoder,
                new SmtpSessionHandler(config, new SmtpExtensions(config), SaslMechanisms.defaults(),
                        new BoundedListenerInvoker(Runnable::run, 4, call -> call.apply(listener)), decoder, session -> { }));
        channel.send(input, readSizes);
        channel.settle();
        return channel;
    }

    private static byte[] stream(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            out.writeBytes(line);
            out.writeBytes(CRLF);
        }
        return out.toByteArray();
    }

    /** Only CRLF ends a command line (section 2.3.8); a line holding bare CRs or LFs is one refused line. */
    private static int crlfCount(byte[] input) {
        int count = 0;
        for (int i = 1; i < input.length; i++) {
            if (input[i - 1] == '\r' && input[i] == '\n') {
                count++;
            }
        }
        return count;
    }

    private static List<Integer> finalReplyCodes(String output) {
        List<Integer> codes = new ArrayList<>();
        Matcher m = FINAL_REPLY_LINE.matcher(output.replace("\r\n", "\n"));
        while (m.find()) {
            codes.add(Integer.parseInt(m.group(1)));
        }
        return codes;
    }

    private static Path temporarySpool() {
        try {
            return Files.createTempDirectory("smtp-fuzz-spool");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
