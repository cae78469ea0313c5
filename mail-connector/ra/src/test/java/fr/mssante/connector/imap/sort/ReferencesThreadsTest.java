package fr.mssante.connector.imap.sort;

import fr.mssante.connector.api.mail.BaseSubject;
import fr.mssante.connector.imap.protocol.MailboxNames;
import fr.mssante.connector.imap.response.ImapResponse;
import fr.mssante.connector.imap.response.ImapResponseEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** THREAD=REFERENCES (RFC 5256 section 3), shown in the THREAD response syntax of section 4. */
class ReferencesThreadsTest {

    @Test
    void repliesHangUnderWhatTheyReferenceInDateOrder() {
        assertThat(threads(
                message(1, 1, "Compte rendu", "<a@x>"),
                message(4, 4, "Re: Compte rendu", "<d@x>", "<a@x>"),
                message(2, 2, "Re: Compte rendu", "<b@x>", "<a@x>"),
                message(3, 3, "Re: Compte rendu", "<c@x>", "<a@x>", "<b@x>")))
                .isEqualTo("(1 (2 3)(4))");
    }

    @Test
    void aMissingParentGroupsItsRepliesOnlyWhenThereAreSeveral() {
        assertThat(threads(
                message(2, 2, "Re: Bilan", "<b@x>", "<gone@x>"),
                message(3, 3, "Re: Bilan", "<c@x>", "<gone@x>")))
                .as("step 4.B: a root placeholder with two children stays").isEqualTo("((2)(3))");
        assertThat(threads(message(2, 2, "Re: Bilan", "<b@x>", "<gone@x>"), message(5, 1, "Autre", "<e@x>")))
                .as("a single child is promoted").isEqualTo("(5)(2)");
    }

    @Test
    void rootsWithTheSameBaseSubjectAreGathered() {
        assertThat(threads(message(1, 1, "Compte rendu", "<a@x>"), message(2, 2, "Re: Compte rendu", "<b@x>")))
                .as("step 6.C: the reply goes under the original").isEqualTo("(1 2)");
        assertThat(threads(message(1, 1, "Compte rendu", "<a@x>"), message(2, 2, "Compte rendu", "<b@x>")))
                .as("step 6.C: neither is a reply, a placeholder holds both").isEqualTo("((1)(2))");
        assertThat(threads(message(1, 1, "", "<a@x>"), message(2, 2, "", "<b@x>")))
                .as("step 6.A: empty subjects are not gathered").isEqualTo("(1)(2)");
    }

    @Test
    void loopsAndDuplicateIdsDoNotLoseMessages() {
        assertThat(threads(
                message(1, 1, "Un", "<a@x>", "<b@x>"),
                message(2, 2, "Deux", "<b@x>", "<a@x>")))
                .as("the second link would make a loop; the last one wins (step 1.B)").isEqualTo("(2 1)");
        assertThat(threads(message(1, 1, "Un", "<a@x>"), message(2, 2, "Deux", "<a@x>"), message(3, 3, "Trois", null)))
                .as("a duplicate Message-ID and a missing one: threads of their own").isEqualTo("(1)(2)(3)");
    }

    private static ReferencesThreads.Message message(long number, int day, String subject, String id, String... references) {
        String base = BaseSubject.of(subject).toUpperCase();
        return new ReferencesThreads.Message(number, Instant.parse("2025-01-0" + day + "T10:00:00Z"), base,
                BaseSubject.isReplyOrForward(subject), id, Arrays.asList(references));
    }

    /** The threads in the section 4 syntax, as the client reads them. */
    private static String threads(ReferencesThreads.Message... messages) {
        ByteBuf encoded = ImapResponseEncoder.encode(new ImapResponse.Thread(ReferencesThreads.of(List.of(messages))),
                UnpooledByteBufAllocator.DEFAULT, MailboxNames.Encoding.MODIFIED_UTF7);
        try {
            String line = encoded.toString(StandardCharsets.US_ASCII);
            return line.substring("* THREAD ".length(), line.length() - 2);
        } finally {
            encoded.release();
        }
    }
}
