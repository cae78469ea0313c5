package fr.mssante.connector.imap;

import fr.mssante.connector.fuzz.FuzzRandom;
import fr.mssante.connector.imap.protocol.ImapCommandText;
import fr.mssante.connector.imap.protocol.MailboxNames;
import fr.mssante.connector.imap.request.BadRequest;
import fr.mssante.connector.imap.request.ImapRequest;
import fr.mssante.connector.imap.request.ImapRequestParser;
import fr.mssante.connector.imap.request.RefusedRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Fuzzing of the IMAP command parser (issue 10, item 4; ADR 0031), literals included: whatever the
 * command, the parser returns a request or throws one of its declared refusals, {@link BadRequest}
 * (answered BAD, RFC 3501 section 7.1.3) or {@link RefusedRequest} (a well-formed command refused with
 * NO, e.g. an invalid mailbox name), never another exception, in bounded time; a refusal names the
 * command's own tag (a BAD may have none).
 */
class ImapRequestParserFuzzTest {

    private static final Duration PER_INPUT = Duration.ofSeconds(5);

    private final ImapRequestParser parser = new ImapRequestParser();

    @Test
    void everyCommandIsARequestOrABadRequest() {
        FuzzRandom.run("IMAP command parser", random -> oneCommand(command(random),
                random.nextBoolean() ? MailboxNames.Encoding.MODIFIED_UTF7 : MailboxNames.Encoding.UTF8));
    }

    /** @param names as before and after ENABLE UTF8=ACCEPT (RFC 6855) */
    private void oneCommand(ImapCommandText text, MailboxNames.Encoding names) {
        Object outcome = assertTimeoutPreemptively(PER_INPUT, () -> {
            try {
                return parser.parse(text, names);
            } catch (BadRequest | RefusedRequest e) {
                return e;
            }
        });
        String firstLine = new String(text.lines().get(0), StandardCharsets.UTF_8);
        if (outcome instanceof BadRequest bad) {
            assertThat(bad.getMessage()).isNotBlank();
            if (bad.tag() != null) {
                assertThat(firstLine).startsWith(bad.tag());
            }
        } else if (outcome instanceof RefusedRequest refused) {
            assertThat(refused.getMessage()).isNotBlank();
            assertThat(firstLine).startsWith(refused.tag() + " ");
        } else {
            assertThat(outcome).isInstanceOf(ImapRequest.class);
            assertThat(firstLine).startsWith(((ImapRequest) outcome).tag() + " ");
        }
    }

    /** One-line commands 5 times in 9, untagged text 1, commands with literals 3. */
    private static ImapCommandText command(FuzzRandom random) {
        int kind = random.between(0, 8);
        if (kind < 5) {
            return ImapCommandText.of("t1 " + ImapFuzzInputs.command(random));
        }
        if (kind < 6) {
            return ImapCommandText.of(random.text(ImapFuzzInputs.MAX_LINE));
        }
        return ImapFuzzInputs.commandWithLiterals(random, "t1").text();
    }
}
