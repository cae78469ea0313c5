package fr.mssante.connector.smtp;

import fr.mssante.connector.api.smtp.DsnParameters;
import fr.mssante.connector.api.smtp.DsnParameters.Notify;
import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.RecipientDsn;
import fr.mssante.connector.api.smtp.SmtpReply;
import fr.mssante.connector.smtp.SmtpCommand.Verb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpCommandParserTest {

    private final SmtpCommandParser parser = new SmtpCommandParser("mx.test.mssante.fr");

    @Test
    void hello() {
        assertThat(parser.parse("EHLO client.example.fr")).isEqualTo(new SmtpCommand.Hello(true, "client.example.fr"));
        assertThat(parser.parse("helo [192.0.2.1]")).isEqualTo(new SmtpCommand.Hello(false, "[192.0.2.1]"));
        assertThat(parser.parse("EHLO client extra words")).isEqualTo(new SmtpCommand.Hello(true, "client"));
    }

    @Test
    void mailWithNullSenderAndDefaults() {
        assertThat(parser.parse("MAIL FROM:<>")).isEqualTo(new SmtpCommand.Mail(Optional.empty(), -1, "7BIT"));
    }

    @Test
    void mailWithParameters() {
        assertThat(parser.parse("mail from:<Dr.House@Hopital.FR> size=12345 Body=8bitmime"))
                .isEqualTo(new SmtpCommand.Mail(Optional.of(new MailAddress("Dr.House", "hopital.fr")), 12345, "8BITMIME"));
    }

    /** RFC 4954 section 5: the AUTH parameter is accepted; its value is not used. */
    @Test
    void mailAcceptsTheAuthParameter() {
        assertThat(parser.parse("MAIL FROM:<a@b.fr> AUTH=<> SIZE=10"))
                .isEqualTo(new SmtpCommand.Mail(Optional.of(new MailAddress("a", "b.fr")), 10, "7BIT"));
        assertThat(parser.parse("MAIL FROM:<a@b.fr> AUTH=a+2Bb@b.fr"))
                .isEqualTo(new SmtpCommand.Mail(Optional.of(new MailAddress("a", "b.fr")), -1, "7BIT"));
    }

    /** RFC 4954 section 4: AUTH mechanism [initial-response], "=" standing for an empty one. */
    @Test
    void authWithAndWithoutInitialResponse() {
        assertThat(parser.parse("AUTH LOGIN")).isEqualTo(new SmtpCommand.Auth("LOGIN", null));
        assertThat(parser.parse("auth plain AGEAYg==")).isEqualTo(new SmtpCommand.Auth("plain", "AGEAYg=="));
        assertThat(parser.parse("AUTH EXTERNAL =")).isEqualTo(new SmtpCommand.Auth("EXTERNAL", "="));
    }

    /** RFC 3030 section 2: BDAT SP chunk-size [SP end-marker], the marker without case. */
    @Test
    void bdat() {
        assertThat(parser.parse("BDAT 1000")).isEqualTo(new SmtpCommand.Bdat(1000, false));
        assertThat(parser.parse("bdat 0 last")).isEqualTo(new SmtpCommand.Bdat(0, true));
        assertThat(parser.parse("BDAT 99999999999999999999 LAST")).isEqualTo(new SmtpCommand.Bdat(Long.MAX_VALUE, true));
    }

    /** RFC 3030 section 3: BODY=BINARYMIME, which only BDAT may carry. */
    @Test
    void mailWithBinaryMime() {
        SmtpCommand.Mail mail = (SmtpCommand.Mail) parser.parse("MAIL FROM:<a@b.fr> BODY=binarymime");
        assertThat(mail.bodyType()).isEqualTo("BINARYMIME");
        assertThat(mail.binary()).isTrue();
    }

    /**
     * RFC 6531 section 3.3: UTF-8 local parts and U-label domains with SMTPUTF8; the address is held in canonical
     * form (ADR 0030): domain as lower-case A-labels, local part in NFC with its case kept.
     */
    @Test
    void mailWithSmtpUtf8AndAnInternationalisedAddress() {
        SmtpCommand.Mail mail = (SmtpCommand.Mail) parser.parse("MAIL FROM:<Me\u0301decin@Hôpital.FR> SMTPUTF8");
        assertThat(mail.smtpUtf8()).isTrue();
        assertThat(mail.reversePath()).contains(new MailAddress("M\u00e9decin", "xn--hpital-ixa.fr"));
    }

    @Test
    void smtpUtf8WithAnAsciiAddress() {
        assertThat(parser.parse("MAIL FROM:<a@b.fr> smtputf8"))
                .isEqualTo(new SmtpCommand.Mail(Optional.of(new MailAddress("a", "b.fr")), -1, "7BIT",
                        Optional.empty(), Optional.empty(), true));
    }

    /** The session needs to know the RCPT was written in UTF-8, even when canonical form made it ASCII. */
    @Test
    void rcptRemembersANonAsciiSpelling() {
        assertThat(parser.parse("RCPT TO:<a@hôpital.fr>"))
                .isEqualTo(new SmtpCommand.Rcpt(new MailAddress("a", "xn--hpital-ixa.fr"), RecipientDsn.NONE, true));
        assertThat(parser.parse("RCPT TO:<a@xn--hpital-ixa.fr>"))
                .isEqualTo(new SmtpCommand.Rcpt(new MailAddress("a", "xn--hpital-ixa.fr"), RecipientDsn.NONE, false));
    }

    @Test
    void mailToleratesASpaceAfterTheColonAndIgnoresSourceRoutes() {
        assertThat(parser.parse("MAIL FROM: <@relay.example,@other.example:a@b.fr>"))
                .isEqualTo(new SmtpCommand.Mail(Optional.of(new MailAddress("a", "b.fr")), -1, "7BIT"));
    }

    @Test
    void quotedLocalPartMayContainClosingBracket() {
        assertThat(parser.parse("RCPT TO:<\"odd>name\"@hopital.fr>"))
                .isEqualTo(new SmtpCommand.Rcpt(new MailAddress("\"odd>name\"", "hopital.fr")));
    }

    @Test
    void hugeSizeSaturatesInsteadOfOverflowing() {
        assertThat(parser.parse("MAIL FROM:<a@b.fr> SIZE=99999999999999999999"))
                .isEqualTo(new SmtpCommand.Mail(Optional.of(new MailAddress("a", "b.fr")), Long.MAX_VALUE, "7BIT"));
    }

    @Test
    void bareRcptPostmasterGetsOurDomain() {
        assertThat(parser.parse("RCPT TO:<Postmaster>"))
                .isEqualTo(new SmtpCommand.Rcpt(new MailAddress("postmaster", "mx.test.mssante.fr")));
    }

    @Test
    void simpleCommands() {
        assertThat(parser.parse("DATA")).isEqualTo(new SmtpCommand.Simple(Verb.DATA));
        assertThat(parser.parse("rset ")).isEqualTo(new SmtpCommand.Simple(Verb.RSET));
        assertThat(parser.parse("NOOP anything")).isEqualTo(new SmtpCommand.Simple(Verb.NOOP));
        assertThat(parser.parse("QUIT")).isEqualTo(new SmtpCommand.Simple(Verb.QUIT));
        assertThat(parser.parse("VRFY someone")).isEqualTo(new SmtpCommand.Simple(Verb.VRFY));
        assertThat(parser.parse("EXPN list")).isEqualTo(new SmtpCommand.Simple(Verb.EXPN));
        assertThat(parser.parse("HELP MAIL")).isEqualTo(new SmtpCommand.Simple(Verb.HELP));
    }

    /** RFC 3461 sections 4.3 and 4.4: RET and ENVID, decoded from xtext. */
    @Test
    void mailWithDsnParameters() {
        assertThat(parser.parse("MAIL FROM:<a@b.fr> RET=FULL ENVID=QQ314159"))
                .isEqualTo(new SmtpCommand.Mail(Optional.of(new MailAddress("a", "b.fr")), -1, "7BIT",
                        Optional.of(DsnParameters.Ret.FULL), Optional.of("QQ314159")));
        assertThat(parser.parse("MAIL FROM:<> envid=a+2Bb+3D ret=hdrs SIZE=5"))
                .isEqualTo(new SmtpCommand.Mail(Optional.empty(), 5, "7BIT",
                        Optional.of(DsnParameters.Ret.HDRS), Optional.of("a+b=")));
    }

    /** RFC 3461 section 4.4: at most 100 characters. */
    @Test
    void envidOfAHundredCharactersAtMost() {
        assertThat(parser.parse("MAIL FROM:<a@b.fr> ENVID=" + "x".repeat(100))).isInstanceOf(SmtpCommand.Mail.class);
        assertThat(parser.parse("MAIL FROM:<a@b.fr> ENVID=" + "x".repeat(101)))
                .isEqualTo(new SmtpCommand.Invalid(SmtpReply.of(501, "5.5.4",
                        "Bad ENVID parameter: longer than 100 characters (101) (RFC 3461)")));
    }

    /** RFC 3461 sections 4.1 and 4.2: NOTIFY and ORCPT. */
    @Test
    void rcptWithDsnParameters() {
        MailAddress recipient = new MailAddress("a", "b.fr");
        assertThat(parser.parse("RCPT TO:<a@b.fr> NOTIFY=SUCCESS,FAILURE,DELAY ORCPT=rfc822;A+2Bx@b.fr"))
                .isEqualTo(new SmtpCommand.Rcpt(recipient, new RecipientDsn(
                        Set.of(Notify.SUCCESS, Notify.FAILURE, Notify.DELAY), Optional.of("rfc822;A+x@b.fr"))));
        assertThat(parser.parse("RCPT TO:<a@b.fr> notify=never"))
                .isEqualTo(new SmtpCommand.Rcpt(recipient, new RecipientDsn(Set.of(Notify.NEVER), Optional.empty())));
        assertThat(parser.parse("RCPT TO:<a@b.fr> ORCPT=utf-8;a@b.fr"))
                .isEqualTo(new SmtpCommand.Rcpt(recipient, new RecipientDsn(Set.of(), Optional.of("utf-8;a@b.fr"))));
        assertThat(parser.parse("RCPT TO:<a@b.fr>")).isEqualTo(new SmtpCommand.Rcpt(recipient, RecipientDsn.NONE));
    }

    /** RFC 3461 section 4.2: "The entire ORCPT parameter MAY be up to 500 characters in length." */
    @Test
    void orcptOfFiveHundredCharactersAtMost() {
        String prefix = "RCPT TO:<a@b.fr> ";
        String longest = "ORCPT=rfc822;" + "x".repeat(500 - "ORCPT=rfc822;".length());
        assertThat(parser.parse(prefix + longest)).isInstanceOf(SmtpCommand.Rcpt.class);
        assertThat(parser.parse(prefix + longest + "x"))
                .isEqualTo(new SmtpCommand.Invalid(SmtpReply.of(501, "5.5.4",
                        "Bad ORCPT parameter: the parameter is longer than 500 characters (RFC 3461)")));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "EHLO            | 501 | ",
            "HELO            | 501 | ",
            "FOO bar         | 500 | 5.5.2",
            "''              | 500 | 5.5.2",
            "MAILFROM:<a@b.fr> | 500 | 5.5.2",
            "MAIL TO:<a@b.fr> | 501 | 5.5.4",
            "MAIL FROM:a@b.fr | 501 | 5.5.4",
            "MAIL FROM:<a@b.fr | 501 | 5.5.4",
            "MAIL FROM:<a@b.fr>SIZE=1 | 501 | 5.5.4",
            "MAIL FROM:<a..b@c.fr> | 501 | 5.1.7",
            "MAIL FROM:<nobody> | 501 | 5.1.7",
            "MAIL FROM:<@relay.fr> | 501 | 5.1.7",
            "MAIL FROM:<a@b.fr> SIZE=x | 501 | 5.5.4",
            "MAIL FROM:<a@b.fr> SIZE | 501 | 5.5.4",
            "MAIL FROM:<a@b.fr> BODY=BINARY | 501 | 5.5.4",
            "MAIL FROM:<a@b.fr> SIZE=1 SIZE=2 | 501 | 5.5.4",
            "MAIL FROM:<a@b.fr> =x | 501 | 5.5.4",
            "MAIL FROM:<a@b.fr> AUTH | 501 | 5.5.4",
            "AUTH            | 501 | 5.5.4",
            "AUTH PLAIN a b  | 501 | 5.5.4",
            "'AUTH PLAIN ' | 501 | 5.5.4",
            "AUTH MECHANISM-NAME-TOO-LONG | 501 | 5.5.4",
            "AUTH PL@IN      | 501 | 5.5.4",
            "MAIL FROM:<a@b.fr> SMTPUTF8=yes | 501 | 5.5.4",
            "MAIL FROM:<médecin@b.fr> | 553 | 5.6.7",
            "MAIL FROM:<a@hôpital.fr> | 553 | 5.6.7",
            "MAIL FROM:<a@xn--.fr> SMTPUTF8 | 501 | 5.1.7",
            "BDAT            | 501 | 5.5.4",
            "BDAT x          | 501 | 5.5.4",
            "BDAT -1         | 501 | 5.5.4",
            "BDAT 10 FIRST   | 501 | 5.5.4",
            "BDAT 10 LAST x  | 501 | 5.5.4",
            "RCPT TO:<>      | 501 | 5.1.3",
            "RCPT TO:<a@b@> | 501 | 5.1.3",
            "RCPT TO:<a@-b.fr> | 501 | 5.1.3",
            "RCPT FROM:<a@b.fr> | 501 | 5.5.4",
            "RCPT TO:<a@b.fr> XFOO | 555 | 5.5.4",
            "RCPT TO:<a@b.fr> NOTIFY | 501 | 5.5.4",
            "RCPT TO:<a@b.fr> NOTIFY=NEVER,SUCCESS | 501 | 5.5.4",
            "RCPT TO:<a@b.fr> NOTIFY=FAILURE,NEVER | 501 | 5.5.4",
            "RCPT TO:<a@b.fr> NOTIFY=DELAY,DELAY | 501 | 5.5.4",
            "RCPT TO:<a@b.fr> NOTIFY=SUCCESS, | 501 | 5.5.4",
            "RCPT TO:<a@b.fr> NOTIFY=NEVER NOTIFY=NEVER | 501 | 5.5.4",
            "RCPT TO:<a@b.fr> ORCPT=rfc822 | 501 | 5.5.4",
            "RCPT TO:<a@b.fr> ORCPT=;a@b.fr | 501 | 5.5.4",
            "RCPT TO:<a@b.fr> ORCPT=rfc822;a+4@b.fr | 501 | 5.5.4",
            "RCPT TO:<a@b.fr> ORCPT=rfc822;a+00@b.fr | 501 | 5.5.4",
            "RCPT TO:<a@b.fr> ORCPT=rfc[822];a@b.fr | 501 | 5.5.4",
            "RCPT TO:<a@b.fr> RET=FULL | 555 | 5.5.4",
            "MAIL FROM:<a@b.fr> RET=NEVER | 501 | 5.5.4",
            "MAIL FROM:<a@b.fr> ENVID | 501 | 5.5.4",
            "MAIL FROM:<a@b.fr> ENVID=+ | 501 | 5.5.4",
            "MAIL FROM:<a@b.fr> ORCPT=rfc822;a@b.fr | 555 | 5.5.4",
            "DATA now        | 501 | 5.5.4",
            "RSET x          | 501 | 5.5.4",
            "QUIT now        | 501 | 5.5.4",
            "VRFY            | 501 | 5.5.4",
    })
    void invalidCommands(String line, int code, String enhancedStatus) {
        SmtpCommand command = parser.parse(line);
        assertThat(command).isInstanceOf(SmtpCommand.Invalid.class);
        SmtpCommand.Invalid invalid = (SmtpCommand.Invalid) command;
        assertThat(invalid.reply().code()).isEqualTo(code);
        assertThat(invalid.reply().enhancedStatus()).isEqualTo(enhancedStatus);
    }
}
