package fr.mssante.connector.smtp;

import fr.mssante.connector.fuzz.FuzzRandom;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Fuzzing of the SMTP frame decoder (issue 10, item 4; ADR 0031), commands and message data mixed:
 * framing does not depend on how the network splits the stream (the smuggling defences rely on it),
 * no command line beyond the limit is ever handed up, and stored content stays under the size limit.
 */
class SmtpFrameDecoderFuzzTest {

    private static final Duration PER_INPUT = Duration.ofSeconds(5);

    /** Lines of message content: dots, bare CR and LF, the terminator in every disguise. */
    private static final List<String> DATA_PIECES = List.of(
            "DATA\r\n", ".\r\n", "..\r\n", ".", "\r\n", "\r", "\n", "\n.\n", "\r.\r\n", "Subject: x\r\n", "x".repeat(999),
            "y".repeat(3000), "QUIT\r\n", "NOOP\r\n");

    @Test
    void framesDoNotDependOnReadsAndRespectTheLimits() {
        FuzzRandom.run("SMTP frame decoder", random -> oneStream(stream(random), random.readSizes()));
    }

    private void oneStream(byte[] stream, List<Integer> readSizes) {
        List<String> whole = assertTimeoutPreemptively(PER_INPUT,
                () -> SmtpFrameDecoderTest.decode(stream, List.of(stream.length + 1)));
        List<String> split = assertTimeoutPreemptively(PER_INPUT, () -> SmtpFrameDecoderTest.decode(stream, readSizes));

        assertThat(split).isEqualTo(whole);
        for (String frame : whole) {
            if (frame.startsWith("CMD ")) {
                // At most one char per octet, whatever the UTF-8 decoding made of them.
                assertThat(frame.length() - 4).isLessThanOrEqualTo(SmtpFrameDecoderTest.MAX_COMMAND_LINE - 2);
            } else if (frame.startsWith("DATA [")) {
                assertThat(frame.length()).isLessThan(SmtpFrameDecoderTest.MAX_MESSAGE + 30);
            }
        }
    }

    /** Up to 20 pieces: message content pieces or command lines, half and half. */
    private static byte[] stream(FuzzRandom random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int n = random.between(0, 20); n > 0; n--) {
            String piece = random.nextBoolean() ? random.pick(DATA_PIECES) : SmtpFuzzInputs.commandLine(random) + "\r\n";
            out.writeBytes(piece.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
