package fr.mssante.connector.smtp;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.nio.charset.StandardCharsets;
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

    /** One command line without its CRLF: grammar pieces, or arbitrary text. */
    static Arbitrary<String> commandLine() {
        Arbitrary<String> assembled = Arbitraries.of(TOKENS).list().ofMaxSize(16).map(tokens -> String.join("", tokens));
        Arbitrary<String> arbitrary = Arbitraries.strings().all().ofMaxLength(MAX_LINE);
        Arbitrary<String> long_ = Arbitraries.of(TOKENS).list().ofMinSize(1).ofMaxSize(3)
                .flatMap(tokens -> Arbitraries.integers().between(1, MAX_LINE)
                        .map(n -> String.join("", tokens) + "x".repeat(n)));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, assembled),
                net.jqwik.api.Tuple.of(3, arbitrary),
                net.jqwik.api.Tuple.of(1, long_));
    }

    /**
     * A conversation as octets: lines that may themselves hold bare CR, bare LF or any octet, each
     * ended by CRLF. Lines that would switch the stream to message content (DATA, BDAT) are left out:
     * after them, lines get no reply of their own by design (RFC 5321 section 4.1.1.4, RFC 3030).
     */
    static Arbitrary<List<byte[]>> conversation() {
        Arbitrary<byte[]> text = commandLine().map(line -> line.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> octets = Arbitraries.bytes().array(byte[].class).ofMaxSize(MAX_LINE);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, text), net.jqwik.api.Tuple.of(1, octets))
                .filter(line -> !startsContent(line))
                .list().ofMaxSize(12);
    }

    /** How the network splits the stream: read sizes, cycled. */
    static Arbitrary<List<Integer>> readSizes() {
        return Arbitraries.integers().between(1, 4096).list().ofMinSize(1).ofMaxSize(8);
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
