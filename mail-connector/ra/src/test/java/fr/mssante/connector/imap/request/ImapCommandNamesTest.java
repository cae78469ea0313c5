package fr.mssante.connector.imap.request;

import fr.mssante.connector.imap.protocol.ImapCommandText;
import fr.mssante.connector.imap.protocol.MailboxNames;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Metric labels name the command as the client wrote it (RFC 3501 section 6), never its arguments. */
class ImapCommandNamesTest {

    private final ImapRequestParser parser = new ImapRequestParser();

    @Test
    void commandsAreNamedAsWrittenWithTheUidPrefix() throws Exception {
        assertThat(name("a FETCH 1:* (FLAGS)")).isEqualTo("FETCH");
        assertThat(name("a UID FETCH 1:* (FLAGS)")).isEqualTo("UID FETCH");
        assertThat(name("a UID MOVE 1 Archive")).isEqualTo("UID MOVE");
        assertThat(name("a EXAMINE INBOX")).isEqualTo("EXAMINE");
        assertThat(name("a SELECT INBOX")).isEqualTo("SELECT");
        assertThat(name("a LSUB \"\" *")).isEqualTo("LSUB");
        assertThat(name("a LOGIN dr.martin@hopital.example secret")).isEqualTo("LOGIN");
        assertThat(name("a STATUS INBOX (MESSAGES)")).isEqualTo("STATUS");
        assertThat(name("a CREATE Dossiers")).isEqualTo("CREATE");
        assertThat(name("a GETQUOTAROOT INBOX")).isEqualTo("GETQUOTAROOT");
        assertThat(name("a IDLE")).isEqualTo("IDLE");
    }

    private String name(String line) throws BadRequest, RefusedRequest {
        return ImapCommandNames.of(parser.parse(ImapCommandText.of(line), MailboxNames.Encoding.MODIFIED_UTF7));
    }
}
