package fr.mssante.connector.smtp;

import fr.mssante.connector.fuzz.FuzzRandom;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Generators of hostile SMTP input for the fuzz tests. Pure random bytes almost never get past the verb,
 * so most lines are assembled from the grammar's own pieces (verbs, {@code FROM:}, angle brackets,
 * ESMTP parameters, xtext, base64, UTF-8) in random order and number: that reaches the argument
 * parsers, the DSN syntax and the SASL dialogues, where the subtle code is.
 */
final class SmtpFuzzInputs {

    /** Longer than any command line limit used by the tests, so that the limits are exercised. */
    static final int MAX_LINE = 3000;

    private static final List<String> TOKENS = List.of(
            "EHLO", "HELO", "MAIL", "RCPT", "AUTH", "RSET", "NOOP", "QUIT", "VRFY", "EXPN", "HELP", "STARTTLS",
            "ehlo", "mail", "rcpt", "auth", "BDAT", "LAST",
            " ", "  ", "\t", "FROM:", "TO:", "from:", "<", ">", "<>", "@", ":", ",", ";", "=", "\"", "\\", "[", "]",
            "(", ")", ".", "-", "_", "+", "0", "1", "18446744073709551616", "99999999999999999999",
            "alice", "dr.durand", "postmaster", "Postmaster", FakeSmtpListener.HOSTED_DOMAIN, "example.fr",
            "[192.0.2.1]", "[IPv6:::1]", "@a.fr,@b.fr:", "\"quoted local\"", "jos\u00e9", "h\u00f4pital.fr", "\u4e2d\u6587",
            "SIZE=", "SIZE=100", "BODY=", "BODY=8BITMIME", "BODY=BINARYMIME", "BODY=7bit", "SMTPUTF8",
            "RET=FULL", "RET=HDRS", "ENVID=", "ENVID=abc+2B+2", "NOTIFY=", "NOTIFY=NEVER", "NOTIFY=SUCCESS,FAILURE,DELAY",
            "ORCPT=", "ORCPT=rfc822;", "ORCPT=utf-8;", "+", "+2B", "+zz", "\\x{41}", "AUTH=<>",
            "PLAIN", "LOGIN", "EXTERNAL", "XOAUTH2", "OAUTHBEARER", "CRAM-MD5", "*", "=",
            "AGFsaWNlAHNlY3JldA==", "dXNlcg==", "====", "!!!!", "\u0000", "\u007f", "\u00ff", "\ufffd", "\ud83d\ude00");

    private SmtpFuzzInputs() {
    }

    /** One command line without its CRLF: grammar pieces (6 in 10), arbitrary text (3), a long run (1). */
    static String commandLine(FuzzRandom random) {
        int kind = random.between(0, 9);
        if (kind < 6) {
            return random.tokens(TOKENS, 16);
        }
        if (kind < 9) {
            return random.text(MAX_LINE);
        }
        return random.tokens(TOKENS, 3) + "x".repeat(random.between(1, MAX_LINE));
    }

    /**
     * A conversation as octets: up to 12 lines that may themselves hold bare CR, bare LF or any octet, each
     * to be ended by CRLF. Lines that would switch the stream to message content (DATA, BDAT) are left out:
     * after them, lines get no reply of their own by design (RFC 5321 section 4.1.1.4, RFC 3030).
     */
    static List<byte[]> conversation(FuzzRandom random) {
        List<byte[]> lines = new ArrayList<>();
        for (int n = random.between(0, 12); n > 0; n--) {
            byte[] line = random.oneIn(4, 5) ? commandLine(random).getBytes(StandardCharsets.UTF_8) : random.bytes(MAX_LINE);
            if (!startsContent(line)) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static boolean startsContent(byte[] line) {
        for (String command : new String(line, StandardCharsets.ISO_8859_1).split("\r\n", -1)) {
            String verb = command.length() < 4 ? command : command.substring(0, 4).toUpperCase(java.util.Locale.ROOT);
            if (verb.equals("DATA") || verb.equals("BDAT")) {
                return true;
            }
        }
        return false;
    }
}
