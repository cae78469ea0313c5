package fr.mssante.connector.imap;

import fr.mssante.connector.imap.protocol.ImapCommandText;
import fr.mssante.connector.imap.request.BadRequest;
import fr.mssante.connector.imap.request.ImapRequest;
import fr.mssante.connector.imap.request.ImapRequestParser;
import fr.mssante.connector.imap.request.RefusedRequest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

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

    @Property
    void everyCommandIsARequestOrABadRequest(@ForAll("commands") ImapCommandText text) {
        Object outcome = assertTimeoutPreemptively(PER_INPUT, () -> {
            try {
                return parser.parse(text);
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

    @Provide
    Arbitrary<ImapCommandText> commands() {
        Arbitrary<ImapCommandText> oneLine = ImapFuzzInputs.command().map(c -> ImapCommandText.of("t1 " + c));
        Arbitrary<ImapCommandText> untagged = Arbitraries.strings().all().ofMaxLength(ImapFuzzInputs.MAX_LINE)
                .map(ImapCommandText::of);
        Arbitrary<ImapCommandText> withLiterals = ImapFuzzInputs.commandWithLiterals("t1").map(ImapFuzzInputs.LiteralCommand::text);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, oneLine), net.jqwik.api.Tuple.of(1, untagged),
                net.jqwik.api.Tuple.of(3, withLiterals));
    }
}
