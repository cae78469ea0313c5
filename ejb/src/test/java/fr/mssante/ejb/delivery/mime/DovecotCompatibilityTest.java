package fr.mssante.ejb.delivery.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reference vectors of Dovecot's own unit tests (lib-imap test-imap-bodystructure.c and
 * test-imap-envelope.c, themselves taken from imaptest). Dovecot writes LF messages and reports
 * CRLF ("virtual") sizes; we feed the same messages with CRLF, so the numbers must be identical.
 * Dovecot's writer omits the outermost parentheses, ours includes them.
 */
class DovecotCompatibilityTest {

    static Stream<Arguments> bodyStructures() {
        return Stream.of(
                Arguments.of("single part",
                        "From: user@domain.org\n"
                                + "Date: Sat, 24 Mar 2017 23:00:00 +0200\n"
                                + "Mime-Version: 1.0\n"
                                + "Content-Type: text/plain; charset=us-ascii\n"
                                + "\n"
                                + "body\n",
                        "\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 6 1 NIL NIL NIL NIL",
                        "\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 6 1"),
                Arguments.of("8bit, trailing empty line",
                        "From: user@domain.org\n"
                                + "Date: Sat, 24 Mar 2017 23:00:00 +0200\n"
                                + "Mime-Version: 1.0\n"
                                + "Content-Type: text/plain; charset=utf-8\n"
                                + "Content-Transfer-Encoding: 8bit\n"
                                + "\n"
                                + "body\n"
                                + "\n",
                        "\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"8bit\" 8 2 NIL NIL NIL NIL",
                        "\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"8bit\" 8 2"),
                Arguments.of("folded boundary",
                        "From: user@domain.org\n"
                                + "Date: Sat, 24 Mar 2007 23:00:00 +0200\n"
                                + "Mime-Version: 1.0\n"
                                + "Content-Type: multipart/mixed; boundary=\"foo\n"
                                + " bar\"\n"
                                + "\n"
                                + "--foo bar\n"
                                + "Content-Type: text/x-myown; charset=us-ascii\n"
                                + "\n"
                                + "hello\n"
                                + "\n"
                                + "--foo bar--\n"
                                + "\n",
                        "(\"text\" \"x-myown\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 7 1 NIL NIL NIL NIL)"
                                + " \"mixed\" (\"boundary\" \"foo bar\") NIL NIL NIL",
                        "(\"text\" \"x-myown\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 7 1) \"mixed\""),
                Arguments.of("message/rfc822 with ids and descriptions",
                        "From: user@domain.org\n"
                                + "Date: Sat, 24 Mar 2017 23:00:00 +0200\n"
                                + "Mime-Version: 1.0\n"
                                + "Content-Type: multipart/mixed; boundary=\"foo bar\"\n"
                                + "\n"
                                + "--foo bar\n"
                                + "Content-Type: text/plain; charset=us-ascii\n"
                                + "Content-ID: <A.frop.example.com>\n"
                                + "Content-Description: Container message\n"
                                + "\n"
                                + "See attached...\n"
                                + "\n"
                                + "--foo bar\n"
                                + "Content-Type: message/rfc822\n"
                                + "Content-ID: <B.frop.example.com>\n"
                                + "Content-Description: Forwarded\n"
                                + "\n"
                                + "From: user@domain.org\n"
                                + "Date: Sat, 24 Mar 2017 23:00:00 +0200\n"
                                + "Mime-Version: 1.0\n"
                                + "Content-Type: text/plain; charset=us-ascii\n"
                                + "\n"
                                + "body\n"
                                + "\n"
                                + "--foo bar--\n",
                        "(\"text\" \"plain\" (\"charset\" \"us-ascii\") \"<A.frop.example.com>\" \"Container message\""
                                + " \"7bit\" 17 1 NIL NIL NIL NIL)(\"message\" \"rfc822\" NIL \"<B.frop.example.com>\""
                                + " \"Forwarded\" \"7bit\" 133 (\"Sat, 24 Mar 2017 23:00:00 +0200\" NIL"
                                + " ((NIL NIL \"user\" \"domain.org\")) ((NIL NIL \"user\" \"domain.org\"))"
                                + " ((NIL NIL \"user\" \"domain.org\")) NIL NIL NIL NIL NIL)"
                                + " (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 6 1 NIL NIL NIL NIL)"
                                + " 6 NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"foo bar\") NIL NIL NIL",
                        "(\"text\" \"plain\" (\"charset\" \"us-ascii\") \"<A.frop.example.com>\" \"Container message\""
                                + " \"7bit\" 17 1)(\"message\" \"rfc822\" NIL \"<B.frop.example.com>\" \"Forwarded\""
                                + " \"7bit\" 133 (\"Sat, 24 Mar 2017 23:00:00 +0200\" NIL"
                                + " ((NIL NIL \"user\" \"domain.org\")) ((NIL NIL \"user\" \"domain.org\"))"
                                + " ((NIL NIL \"user\" \"domain.org\")) NIL NIL NIL NIL NIL)"
                                + " (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 6 1) 6) \"mixed\""),
                Arguments.of("format=flowed, language, base64 image",
                        "From: user@domain.org\n"
                                + "Date: Sat, 24 Mar 2017 23:00:00 +0200\n"
                                + "Mime-Version: 1.0\n"
                                + "Content-Type: multipart/mixed; boundary=\"foo bar\"\n"
                                + "\n"
                                + "--foo bar\n"
                                + "Content-Type: text/plain; charset=us-ascii; format=\"flowed\";\n"
                                + "  delsp=\"no\"\n"
                                + "Content-Language: la\n"
                                + "\n"
                                + "Lorem ipsum dolor sit amet.\n"
                                + "\n"
                                + "--foo bar\n"
                                + "Content-Type: image/png\n"
                                + "Content-Transfer-Encoding: base64\n"
                                + "Content-Disposition: attachment; filename=\"pigeon.png\"\n"
                                + "\n"
                                + "iVBORw0KGgoAAAANSUhEUgAAAB8AAAAfCAYAAAAfrhY5AAAABHNCSVQICAgIfAhkiAAAAAlwSFlz\n"
                                + "--foo bar--\n",
                        "(\"text\" \"plain\" (\"charset\" \"us-ascii\" \"format\" \"flowed\" \"delsp\" \"no\") NIL NIL"
                                + " \"7bit\" 29 1 NIL NIL (\"la\") NIL)(\"image\" \"png\" NIL NIL NIL \"base64\" 76 NIL"
                                + " (\"attachment\" (\"filename\" \"pigeon.png\")) NIL NIL) \"mixed\""
                                + " (\"boundary\" \"foo bar\") NIL NIL NIL",
                        "(\"text\" \"plain\" (\"charset\" \"us-ascii\" \"format\" \"flowed\" \"delsp\" \"no\") NIL NIL"
                                + " \"7bit\" 29 1)(\"image\" \"png\" NIL NIL NIL \"base64\" 76) \"mixed\""),
                Arguments.of("prologue, epilogue, nested alternative, invalid encoding",
                        "From: user@domain.org\n"
                                + "Date: Sat, 24 Mar 2007 23:00:00 +0200\n"
                                + "Mime-Version: 1.0\n"
                                + "Content-Type: multipart/mixed; boundary=\"foo\n"
                                + " bar\"\n"
                                + "\n"
                                + "Root MIME prologue\n"
                                + "\n"
                                + "--foo bar\n"
                                + "Content-Type: text/x-myown; charset=us-ascii; foo=\"quoted\\\"string\"\n"
                                + "Content-ID: <foo@example.com>\n"
                                + "Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==\n"
                                + "Content-Disposition: inline; foo=bar\n"
                                + "Content-Description: hellodescription\n"
                                + "Content-Language: en, fi, se\n"
                                + "Content-Location: http://example.com/test.txt\n"
                                + "\n"
                                + "hello\n"
                                + "\n"
                                + "--foo bar\n"
                                + "Content-Type: message/rfc822\n"
                                + "\n"
                                + "From: sub@domain.org\n"
                                + "To: sub-to1@domain.org, sub-to2@domain.org\n"
                                + "Date: Sun, 12 Aug 2012 12:34:56 +0300\n"
                                + "Subject: submsg\n"
                                + "Content-Type: multipart/alternative; boundary=\"sub1\"\n"
                                + "\n"
                                + "Sub MIME prologue\n"
                                + "--sub1\n"
                                + "Content-Type: text/html\n"
                                + "Content-Transfer-Encoding: 8bit\n"
                                + "\n"
                                + "<p>Hello world</p>\n"
                                + "\n"
                                + "--sub1\n"
                                + "Content-Type: text/plain\n"
                                + "Content-Transfer-Encoding: ?invalid\n"
                                + "\n"
                                + "Hello another world\n"
                                + "\n"
                                + "--sub1--\n"
                                + "Sub MIME epilogue\n"
                                + "\n"
                                + "--foo bar--\n"
                                + "Root MIME epilogue\n",
                        "(\"text\" \"x-myown\" (\"charset\" \"us-ascii\" \"foo\" \"quoted\\\"string\")"
                                + " \"<foo@example.com>\" \"hellodescription\" \"7bit\" 7 1 \"Q2hlY2sgSW50ZWdyaXR5IQ==\""
                                + " (\"inline\" (\"foo\" \"bar\")) (\"en\" \"fi\" \"se\") \"http://example.com/test.txt\")"
                                + "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 412 (\"Sun, 12 Aug 2012 12:34:56 +0300\""
                                + " \"submsg\" ((NIL NIL \"sub\" \"domain.org\")) ((NIL NIL \"sub\" \"domain.org\"))"
                                + " ((NIL NIL \"sub\" \"domain.org\")) ((NIL NIL \"sub-to1\" \"domain.org\")"
                                + "(NIL NIL \"sub-to2\" \"domain.org\")) NIL NIL NIL NIL)"
                                + " ((\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"8bit\" 20 1 NIL NIL NIL NIL)"
                                + "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 21 1 NIL NIL NIL NIL)"
                                + " \"alternative\" (\"boundary\" \"sub1\") NIL NIL NIL) 21 NIL NIL NIL NIL)"
                                + " \"mixed\" (\"boundary\" \"foo bar\") NIL NIL NIL",
                        "(\"text\" \"x-myown\" (\"charset\" \"us-ascii\" \"foo\" \"quoted\\\"string\")"
                                + " \"<foo@example.com>\" \"hellodescription\" \"7bit\" 7 1)(\"message\" \"rfc822\""
                                + " NIL NIL NIL \"7bit\" 412 (\"Sun, 12 Aug 2012 12:34:56 +0300\" \"submsg\""
                                + " ((NIL NIL \"sub\" \"domain.org\")) ((NIL NIL \"sub\" \"domain.org\"))"
                                + " ((NIL NIL \"sub\" \"domain.org\")) ((NIL NIL \"sub-to1\" \"domain.org\")"
                                + "(NIL NIL \"sub-to2\" \"domain.org\")) NIL NIL NIL NIL)"
                                + " ((\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"8bit\" 20 1)"
                                + "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 21 1)"
                                + " \"alternative\") 21) \"mixed\""),
                Arguments.of("multipart without any part",
                        "Content-Type: multipart/mixed; boundary=\"foo\"\n"
                                + "\n",
                        "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL)"
                                + " \"mixed\" (\"boundary\" \"foo\") NIL NIL NIL",
                        "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0) \"mixed\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodyStructures")
    void bodyStructureAndBodyMatchDovecot(String name, String message, String bodyStructure, String body) {
        ParsedMessage m = new MessageParser().parse(Samples.msg(message));

        assertThat(m.bodyStructure()).isEqualTo("(" + bodyStructure + ")");
        assertThat(m.body()).isEqualTo("(" + body + ")");
    }

    static Stream<Arguments> envelopes() {
        return Stream.of(
                Arguments.of("all fields",
                        "Message-ID: <msg@id>\n"
                                + "In-Reply-To: <reply@to.id>\n"
                                + "Date: Thu, 15 Feb 2007 01:02:03 +0200\n"
                                + "Subject: subject header\n"
                                + "From: From Real <fromuser@fromdomain.org>\n"
                                + "To: To Real <touser@todomain.org>\n"
                                + "Cc: Cc Real <ccuser@ccdomain.org>\n"
                                + "Bcc: Bcc Real <bccuser@bccdomain.org>\n"
                                + "Sender: Sender Real <senderuser@senderdomain.org>\n"
                                + "Reply-To: ReplyTo Real <replytouser@replytodomain.org>\n"
                                + "\n"
                                + "body\n",
                        "\"Thu, 15 Feb 2007 01:02:03 +0200\" \"subject header\""
                                + " ((\"From Real\" NIL \"fromuser\" \"fromdomain.org\"))"
                                + " ((\"Sender Real\" NIL \"senderuser\" \"senderdomain.org\"))"
                                + " ((\"ReplyTo Real\" NIL \"replytouser\" \"replytodomain.org\"))"
                                + " ((\"To Real\" NIL \"touser\" \"todomain.org\"))"
                                + " ((\"Cc Real\" NIL \"ccuser\" \"ccdomain.org\"))"
                                + " ((\"Bcc Real\" NIL \"bccuser\" \"bccdomain.org\"))"
                                + " \"<reply@to.id>\" \"<msg@id>\""),
                Arguments.of("sender and reply-to default to from",
                        "Date: Thu, 15 Feb 2007 01:02:03 +0200\n"
                                + "From: user@domain\n"
                                + "\n"
                                + "body\n",
                        "\"Thu, 15 Feb 2007 01:02:03 +0200\" NIL ((NIL NIL \"user\" \"domain\"))"
                                + " ((NIL NIL \"user\" \"domain\")) ((NIL NIL \"user\" \"domain\")) NIL NIL NIL NIL NIL"),
                Arguments.of("groups and comment as name",
                        "Date: Thu, 15 Feb 2007 01:02:03 +0200\n"
                                + "From: user@domain (Real Name)\n"
                                + "To: group: g1@d1.org, g2@d2.org;, group2: g3@d3.org;\n"
                                + "Cc: group:;, group2: (foo) ;\n"
                                + "\n"
                                + "body\n",
                        "\"Thu, 15 Feb 2007 01:02:03 +0200\" NIL"
                                + " ((\"Real Name\" NIL \"user\" \"domain\"))"
                                + " ((\"Real Name\" NIL \"user\" \"domain\"))"
                                + " ((\"Real Name\" NIL \"user\" \"domain\"))"
                                + " ((NIL NIL \"group\" NIL)(NIL NIL \"g1\" \"d1.org\")(NIL NIL \"g2\" \"d2.org\")"
                                + "(NIL NIL NIL NIL)(NIL NIL \"group2\" NIL)(NIL NIL \"g3\" \"d3.org\")(NIL NIL NIL NIL))"
                                + " ((NIL NIL \"group\" NIL)(NIL NIL NIL NIL)(NIL NIL \"group2\" NIL)(NIL NIL NIL NIL))"
                                + " NIL NIL NIL"),
                Arguments.of("empty sender and reply-to",
                        "Date: Thu, 15 Feb 2007 01:02:03 +0200\n"
                                + "From: user@domain (Real Name)\n"
                                + "Sender: \n"
                                + "Reply-To: \n"
                                + "\n"
                                + "body\n",
                        "\"Thu, 15 Feb 2007 01:02:03 +0200\" NIL"
                                + " ((\"Real Name\" NIL \"user\" \"domain\"))"
                                + " ((\"Real Name\" NIL \"user\" \"domain\"))"
                                + " ((\"Real Name\" NIL \"user\" \"domain\")) NIL NIL NIL NIL NIL"),
                Arguments.of("source route",
                        "Date: Thu, 15 Feb 2007 01:02:03 +0200\n"
                                + "From: <@route:user@domain>\n"
                                + "\n"
                                + "body\n",
                        "\"Thu, 15 Feb 2007 01:02:03 +0200\" NIL"
                                + " ((NIL \"@route\" \"user\" \"domain\")) ((NIL \"@route\" \"user\" \"domain\"))"
                                + " ((NIL \"@route\" \"user\" \"domain\")) NIL NIL NIL NIL NIL"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envelopes")
    void envelopeMatchesDovecot(String name, String message, String envelope) {
        ParsedMessage m = new MessageParser().parse(Samples.msg(message));

        assertThat(m.envelope()).isEqualTo("(" + envelope + ")");
    }
}
