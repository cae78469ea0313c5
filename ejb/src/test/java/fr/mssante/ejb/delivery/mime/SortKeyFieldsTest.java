package fr.mssante.ejb.delivery.mime;

import fr.mssante.connector.api.imap.SortKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SORT and THREAD keys delivery stores (RFC 5256), computed from real header text by the parser:
 * what SORT (DATE/SUBJECT/FROM/TO/CC) and THREAD later compare without parsing anything.
 */
class SortKeyFieldsTest {

    private static SortKeys keys(String header) {
        String message = header.replace("\n", "\r\n") + "\r\n\r\nbody\r\n";
        return new MessageParser().parse(message.getBytes(StandardCharsets.UTF_8)).sortKeys();
    }

    @Test
    void dateSubjectAndFirstMailboxes() {
        SortKeys keys = keys("""
                Date: Mon, 06 Jan 2025 09:15:00 +0100
                Subject: Re: Compte "rendu
                From: "Dr Martin" <dr.martin@clinique.example.fr>
                To: list: "Dr \\"D\\"" <dr.durand@h.fr>;
                Message-ID: <m1@x>""");
        assertThat(keys.sentDate()).isEqualTo(OffsetDateTime.parse("2025-01-06T09:15+01:00"));
        assertThat(keys.baseSubject()).isEqualTo("Compte \"rendu");
        assertThat(keys.replyOrForward()).isTrue();
        assertThat(keys.from()).isEqualTo("dr.martin");
        assertThat(keys.to()).as("a group's first member").isEqualTo("dr.durand");
        assertThat(keys.cc()).isEmpty();
        assertThat(keys.messageId()).isEqualTo("<m1@x>");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "undisclosed-recipients:;|''",
            "Equipe: beta@x, alpha@y;|beta",
            "\"No mailbox\" <@x>, gamma@y|''",
            "delta@x (=?utf-8?q?Fran=C3=A7ois?=)|delta",
            "=?utf-8?q?Fran=C3=A7ois?= <epsilon@x>|epsilon",
            "(comment) zeta (more) @ x|zeta",
    })
    void ccSortKeyIsTheFirstAddrMailbox(String cc, String key) {
        // RFC 5256 section 2.2 and the RFC 5322 section 4.4 obsolete syntax: groups, comments, encoded
        // words, missing mailbox parts.
        assertThat(keys("Cc: " + cc).cc()).isEqualTo(key);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "=?UTF-8?Q?R=C3=A9sultats?= d'analyse|Résultats d'analyse",
            "=?UTF-8?B?UsOpc3VsdGF0cw==?=   =?ISO-8859-1?Q?_d'analyse?=|Résultats d'analyse",
            "Re: =?utf-8?q?Fwd=3A_Bilan?=|Bilan",
            // An unknown charset: the application's decoder (mime4j with a UTF-8 fallback) reads the octets
            // as UTF-8 where the engine's former decoder left the word as written (ADR 0033).
            "=?unknown?Q?x?=|x",
    })
    void baseSubjectIsTakenAfterDecodingEncodedWords(String subject, String base) {
        // RFC 5256 section 2.1 step (1): decoded first, so an encoded "Fwd:" is a leader too.
        assertThat(keys("Subject: " + subject).baseSubject()).isEqualTo(base);
    }

    @Test
    void foldedSubjectIsUnfolded() {
        assertThat(keys("Subject: Re: Compte\n rendu").baseSubject()).isEqualTo("Compte rendu");
    }

    @Test
    void threadParentsAreTheReferencesOrElseTheFirstInReplyTo() {
        SortKeys withReferences = keys("""
                In-Reply-To: <p3@x>
                References: <p1@x>
                 <p2@x> (comment)""");
        assertThat(withReferences.references()).containsExactly("<p1@x>", "<p2@x>");
        assertThat(keys("In-Reply-To: Your message of Monday <p3@x> <p4@x>").references()).containsExactly("<p3@x>");
        assertThat(keys("Subject: x").references()).isEmpty();
    }

    @Test
    void noHeaderFieldsGiveEmptyKeys() {
        SortKeys keys = keys("X-Other: 1");
        assertThat(keys.sentDate()).isNull();
        assertThat(keys.baseSubject()).isEmpty();
        assertThat(keys.from()).isEmpty();
        assertThat(keys.messageId()).isNull();
    }

    @Test
    void unparseableDateLeavesTheSentDateToTheInternalDate() {
        assertThat(keys("Date: yesterday at noon").sentDate()).isNull();
    }

    @Test
    void keysSurviveTheStoredJson() {
        var parsed = new MessageParser().parse("Subject: Re: x\r\nCc: a@b\r\nReferences: <r@x>\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(ParsedMessage.fromJson(parsed.toJson()).sortKeys()).isEqualTo(parsed.sortKeys());
    }
}
