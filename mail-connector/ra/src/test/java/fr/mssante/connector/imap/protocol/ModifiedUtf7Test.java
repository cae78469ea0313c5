package fr.mssante.connector.imap.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModifiedUtf7Test {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // RFC 3501 section 5.1.3 example.
            "~peter/mail/台北/日本語|~peter/mail/&U,BTFw-/&ZeVnLIqe-",
            "A&B|A&-B",
            "&|&-",
            "Été|&AMk-t&AOk-",
            "Comptes rendus/Été 2025|Comptes rendus/&AMk-t&AOk- 2025",
            "INBOX|INBOX",
            "😀|&2D3eAA-",
    })
    void encodesAndDecodes(String name, String encoded) {
        assertThat(ModifiedUtf7.encode(name)).isEqualTo(encoded);
        assertThat(ModifiedUtf7.decode(encoded)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "&AMk",       // unterminated
            "&AMk=-",     // padding
            "&AM/k-",     // "/" instead of ","
            "&AGEAYg-",   // shifted printable ASCII ("ab")
            "&AM-",       // trailing bits: not canonical
            "é",          // 8-bit
            "a\tb",       // control character
    })
    void refusesInvalidNames(String encoded) {
        assertThatIllegalArgumentException().isThrownBy(() -> ModifiedUtf7.decode(encoded));
    }

    @Test
    void mailboxNamesAreCanonicalAtTheBoundary() throws ImapSyntaxException {
        assertThat(MailboxNames.decode("inbox".getBytes(StandardCharsets.US_ASCII), MailboxNames.Encoding.MODIFIED_UTF7)).isEqualTo("INBOX");
        assertThat(MailboxNames.decode("Inbox/Sous".getBytes(StandardCharsets.US_ASCII), MailboxNames.Encoding.MODIFIED_UTF7)).isEqualTo("INBOX/Sous");
        assertThat(MailboxNames.decode("Inboxes".getBytes(StandardCharsets.US_ASCII), MailboxNames.Encoding.MODIFIED_UTF7)).isEqualTo("Inboxes");
        assertThat(MailboxNames.decode("&AMk-t&AOk-".getBytes(StandardCharsets.US_ASCII), MailboxNames.Encoding.MODIFIED_UTF7)).isEqualTo("Été");
        assertThatThrownBy(() -> MailboxNames.decode("Caf\u00e9".getBytes(StandardCharsets.ISO_8859_1), MailboxNames.Encoding.MODIFIED_UTF7))
                .isInstanceOf(ImapSyntaxException.class)
                .hasMessageContaining("Invalid mailbox name");
    }
}
