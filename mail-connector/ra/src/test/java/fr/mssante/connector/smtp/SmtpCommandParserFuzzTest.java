package fr.mssante.connector.smtp;

import fr.mssante.connector.fuzz.FuzzRandom;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Fuzzing of the command parser (issue 10, item 4; ADR 0031): whatever the line, the parser answers
 * with a command or with a syntax refusal in the 5yz class (RFC 5321 section 4.2.2), never with an
 * exception, and in bounded time. Tries: {@code -Dfuzz.tries}, small in the build, a million in the
 * {@code fuzz-long} profile ({@link FuzzRandom}).
 */
class SmtpCommandParserFuzzTest {

    private static final Duration PER_INPUT = Duration.ofSeconds(5);

    private final SmtpCommandParser parser = new SmtpCommandParser(FakeSmtpListener.HOSTED_DOMAIN);

    @Test
    void everyLineIsACommandOrAPermanentSyntaxRefusal() {
        FuzzRandom.run("SMTP command parser", random -> oneLine(SmtpFuzzInputs.commandLine(random)));
    }

    private void oneLine(String line) {
        SmtpCommand command = assertTimeoutPreemptively(PER_INPUT, () -> parser.parse(line));
        assertThat(command).isNotNull();
        if (command instanceof SmtpCommand.Invalid invalid) {
            assertThat(invalid.reply().code()).as(invalid.reply().toString()).isBetween(500, 599);
        }
    }
}
