package fr.mssante.connector.imap.session;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** ENVELOPE for a session without UTF8=ACCEPT (RFC 6855 section 5, RFC 6857 section 3). */
class EnvelopeDowngradeTest {

    /** UTF-8 text as the precomputed ENVELOPE holds it: one char per octet. */
    private static String octets(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static String literal(String text) {
        String octets = octets(text);
        return "{" + octets.length() + "}\r\n" + octets;
    }

    private static String b(String text) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    @Test
    void asciiEnvelopesAreUntouched() {
        String envelope = "(\"Mon, 6 Jan 2025 09:00:00 +0100\" \"=?UTF-8?Q?R=C3=A9sultats?=\" ((\"A\" NIL \"a\" \"b.fr\")) NIL NIL NIL NIL NIL NIL \"<m@b.fr>\")";
        assertThat(EnvelopeDowngrade.toAscii(envelope)).isSameAs(envelope);
        assertThat(EnvelopeDowngrade.toAscii(null)).isNull();
    }

    @Test
    void utf8TextBecomesEncodedWordsAndUtf8DomainsALabels() {
        String envelope = "(\"Mon, 6 Jan 2025 09:00:00 +0100\" " + literal("Réunion de service") + " (("
                + literal("Zoé Müller") + " NIL \"zoe\" " + literal("hôpital.fr") + ")) NIL NIL ((NIL NIL \"dr\" \"b.fr\")) NIL NIL NIL \"<m@b.fr>\")";
        assertThat(EnvelopeDowngrade.toAscii(envelope)).isEqualTo("(\"Mon, 6 Jan 2025 09:00:00 +0100\" \"" + b("Réunion de service")
                + "\" ((\"" + b("Zoé Müller") + "\" NIL \"zoe\" \"xn--hpital-ixa.fr\")) NIL NIL ((NIL NIL \"dr\" \"b.fr\")) NIL NIL NIL \"<m@b.fr>\")");
    }

    @Test
    void aUtf8LocalPartBecomesAnEmptyGroupNamedAfterTheAddress() {
        String envelope = "(NIL NIL ((" + literal("Zoé") + " NIL " + literal("zoé") + " \"exemple.fr\")(NIL NIL \"x\" \"y.fr\")) NIL NIL NIL NIL NIL NIL NIL)";
        assertThat(EnvelopeDowngrade.toAscii(envelope)).isEqualTo("(NIL NIL ((NIL NIL \"" + b("Zoé <zoé@exemple.fr>")
                + "\" NIL)(NIL NIL NIL NIL)(NIL NIL \"x\" \"y.fr\")) NIL NIL NIL NIL NIL NIL NIL)");
    }

    @Test
    void longTextIsSplitIntoWordsOfWholeCharactersAtMost75Long() {
        String subject = "é".repeat(60);
        String downgraded = EnvelopeDowngrade.toAscii("(NIL " + literal(subject) + " NIL NIL NIL NIL NIL NIL NIL NIL)");
        String words = downgraded.substring("(NIL \"".length(), downgraded.indexOf('"', "(NIL \"".length()));
        StringBuilder decoded = new StringBuilder();
        for (String word : words.split(" ")) {
            assertThat(word.length()).isLessThanOrEqualTo(75);
            decoded.append(new String(Base64.getDecoder().decode(word.substring(10, word.length() - 2)), StandardCharsets.UTF_8));
        }
        assertThat(decoded.toString()).isEqualTo(subject);
    }

    @Test
    void legacyEightBitTextThatIsNotUtf8IsLeftAsItIs() {
        String envelope = "(NIL {6}\r\nR\u00e9sum\u00e9 NIL NIL NIL NIL NIL NIL NIL NIL)";
        assertThat(EnvelopeDowngrade.toAscii(envelope)).isEqualTo(envelope);
    }
}
