package fr.mssante.connector.imap.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** LIST patterns (RFC 3501 6.3.8): "*" matches anything, "%" anything but the hierarchy delimiter. */
class MailboxPatternTest {

    @Test
    void wildcards() {
        assertThat(new MailboxPattern("", "*").matches("Archives/2024")).isTrue();
        assertThat(new MailboxPattern("", "%").matches("Archives/2024")).isFalse();
        assertThat(new MailboxPattern("", "%").matches("Archives")).isTrue();
        assertThat(new MailboxPattern("Archives/", "%").matches("Archives/2024")).isTrue();
        assertThat(new MailboxPattern("", "Ar%/2%4").matches("Archives/2024")).isTrue();
        assertThat(new MailboxPattern("", "*4").matches("Archives/2024")).isTrue();
        assertThat(new MailboxPattern("", "*5").matches("Archives/2024")).isFalse();
        assertThat(new MailboxPattern("", "").matches("")).isTrue();
        assertThat(new MailboxPattern("", "Archives").matches("Archives/2024")).isFalse();
    }

    @Test
    void regexMetacharactersAndAtomSpecialsAreLiteral() {
        assertThat(new MailboxPattern("", "a(b").matches("a(b")).isTrue();
        assertThat(new MailboxPattern("", "a.b").matches("axb")).isFalse();
        assertThat(new MailboxPattern("", "[a]*\\\\E\"").matches("[a]x\\\\E\"")).isTrue();
    }

    @Test
    void inboxIsCaseInsensitive() {
        assertThat(new MailboxPattern("", "inbox").matches("INBOX")).isTrue();
        assertThat(new MailboxPattern("", "iNbOx/%").matches("INBOX/Sub")).isTrue();
        assertThat(new MailboxPattern("", "inbox/sub").matches("INBOX/Sub")).isFalse();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.SECONDS)
    void aPatternOfManyWildcardsCostsLinearTimeNotExponential() {
        String pattern = "*a".repeat(2000) + "b";
        assertThat(new MailboxPattern("", pattern).matches("a".repeat(200))).isFalse();
        assertThat(new MailboxPattern("", "%a".repeat(2000) + "%").matches("a".repeat(200))).isFalse();
    }
}
