package fr.mssante.ejb.delivery.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Whole-message results on the sample messages of src/test/resources/mime. */
class SampleMessagesTest {

    private static final String GRAY = "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\"))";

    /** RFC 3501 section 7.4.2, the FETCH example: RFC822.SIZE 4286, ENVELOPE and BODY verbatim. */
    @Test
    void reproducesTheRfc3501FetchExample() {
        ParsedMessage m = Samples.parse("rfc3501-example.eml");

        assertThat(m.size()).isEqualTo(4286);
        assertThat(m.envelope()).isEqualTo("(\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\""
                + " \"IMAP4rev1 WG mtg summary and minutes\" " + GRAY + " " + GRAY + " " + GRAY
                + " ((NIL NIL \"imap\" \"cac.washington.edu\"))"
                + " ((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\"))"
                + " NIL NIL \"<B27397-0100000@cac.washington.edu>\")");
        assertThat(m.body()).isEqualTo("(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92)");
        assertThat(m.bodyStructure())
                .isEqualTo("(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92 NIL NIL NIL NIL)");
        assertThat(m.sentDate()).isEqualTo(OffsetDateTime.parse("1996-07-17T02:23:25-07:00"));
        assertThat(m.headerSize()).isEqualTo(4286 - 3028);
        assertThat(m.bodyOffset()).isEqualTo(m.headerSize());
    }

    @Test
    void utf8QuotedPrintableMessage() {
        ParsedMessage m = Samples.parse("qp-utf8.eml");

        assertThat(m.subject()).isEqualTo("Compte-rendu d'hospitalisation – Mme Dupont");
        assertThat(m.from()).isEqualTo("Dr Martin, Jean <jean.martin@chu-exemple.mssante.fr>");
        assertThat(m.sentDate()).isEqualTo(OffsetDateTime.parse("2024-03-15T10:15:00+01:00"));
        assertThat(m.messageId()).isEqualTo("<20240315101500.ABC123@chu-exemple.mssante.fr>");
        // ENVELOPE keeps the encoded word, as IMAP servers do.
        assertThat(m.envelope()).isEqualTo("(\"Fri, 15 Mar 2024 10:15:00 +0100\""
                + " \"=?UTF-8?Q?Compte-rendu_d'hospitalisation_=E2=80=93_Mme_Dupont?=\""
                + " ((\"Dr Martin, Jean\" NIL \"jean.martin\" \"chu-exemple.mssante.fr\"))"
                + " ((\"Dr Martin, Jean\" NIL \"jean.martin\" \"chu-exemple.mssante.fr\"))"
                + " ((\"Dr Martin, Jean\" NIL \"jean.martin\" \"chu-exemple.mssante.fr\"))"
                + " ((\"Cabinet Durand\" NIL \"secretariat\" \"cabinet-durand.mssante.fr\"))"
                + " NIL NIL NIL \"<20240315101500.ABC123@chu-exemple.mssante.fr>\")");
        assertThat(m.bodyStructure()).isEqualTo("(\"text\" \"plain\" (\"charset\" \"UTF-8\" \"format\" \"flowed\")"
                + " NIL NIL \"quoted-printable\" 232 7 NIL NIL NIL NIL)");
        assertThat(m.hasAttachments()).isFalse();
    }

    @Test
    void latin1SubjectUsesWindows1252LikeMailClients() {
        ParsedMessage m = Samples.parse("qp-latin1.eml");

        // =96 is the en dash in windows-1252, which is what "iso-8859-1" mail really contains.
        assertThat(m.subject()).isEqualTo("Compte-rendu d'hospitalisation – Mme Dupont");
        assertThat(m.from()).isEqualTo("Hélène Léger <helene.leger@clinique-exemple.mssante.fr>");
        assertThat(m.envelope()).contains(
                "\"=?ISO-8859-1?Q?Compte-rendu_d'hospitalisation_=96_Mme_Dupont?=\"",
                "((\"=?ISO-8859-1?B?SOls6G5lIEzpZ2Vy?=\" NIL \"helene.leger\" \"clinique-exemple.mssante.fr\"))");
        assertThat(m.bodyStructure()).isEqualTo("(\"text\" \"plain\" (\"charset\" \"iso-8859-1\") NIL NIL"
                + " \"quoted-printable\" 161 7 NIL NIL NIL NIL)");
    }

    @Test
    void multipartAlternative() {
        ParsedMessage m = Samples.parse("alternative.eml");

        assertThat(m.bodyStructure()).isEqualTo("((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"8bit\" 88 2"
                + " NIL NIL NIL NIL)(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 200 4"
                + " NIL NIL NIL NIL) \"alternative\" (\"boundary\" \"=_alt_boundary_42\") NIL NIL NIL)");
        assertThat(m.body()).isEqualTo("((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"8bit\" 88 2)"
                + "(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 200 4) \"alternative\")");
        assertThat(m.parts()).extracting(MimePart::section, MimePart::contentType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1", "text/plain"),
                        org.assertj.core.groups.Tuple.tuple("2", "text/html"));
    }

    @Test
    void multipartMixedWithPdfAndXdmAttachments() {
        ParsedMessage m = Samples.parse("mixed-attachments.eml");

        assertThat(m.bodyStructure()).isEqualTo("((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL"
                + " \"quoted-printable\" 43 0 NIL NIL NIL NIL)"
                + "(\"application\" \"pdf\" (\"name\" \"CR_Dupont.pdf\") NIL NIL \"base64\" 172 NIL"
                + " (\"attachment\" (\"filename*\" \"UTF-8''Compte-rendu%20Mme%20Dupont%20%E2%80%93%20mars.pdf\"))"
                + " NIL NIL)"
                + "(\"application\" \"zip\" (\"name\" \"IHE_XDM.zip\") NIL NIL \"base64\" 844 NIL"
                + " (\"attachment\" (\"filename\" \"IHE_XDM.zip\")) NIL NIL)"
                + " \"mixed\" (\"boundary\" \"----=_Part_0_1234.5678\") NIL NIL NIL)");
        assertThat(m.hasAttachments()).isTrue();
        assertThat(m.parts()).extracting(MimePart::fileName)
                .containsExactly(null, "Compte-rendu Mme Dupont – mars.pdf", "IHE_XDM.zip");
        assertThat(m.parts()).extracting(MimePart::disposition).containsExactly(null, "attachment", "attachment");
        assertThat(m.parts()).extracting(MimePart::transferEncoding)
                .containsExactly("quoted-printable", "base64", "base64");
    }

    @Test
    void nestedMessageRfc822() {
        ParsedMessage m = Samples.parse("nested-rfc822.eml");

        assertThat(m.bodyStructure()).isEqualTo("((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\""
                + " 31 1 NIL NIL NIL NIL)(\"message\" \"rfc822\" NIL NIL \"Message transfere\" \"7bit\" 503"
                + " (\"Tue, 19 Mar 2024 14:00:00 +0100\""
                + " \"=?UTF-8?Q?Rendez-vous_de_suivi_=E2=80=93_Mme_Dupont?=\""
                + " ((\"Secretariat Cardiologie\" NIL \"cardio\" \"chu-exemple.mssante.fr\"))"
                + " ((\"Secretariat Cardiologie\" NIL \"cardio\" \"chu-exemple.mssante.fr\"))"
                + " ((\"Secretariat Cardiologie\" NIL \"cardio\" \"chu-exemple.mssante.fr\"))"
                + " ((NIL NIL \"secretariat\" \"cabinet-durand.mssante.fr\")) NIL NIL NIL"
                + " \"<alt-0001@chu-exemple.mssante.fr>\")"
                + " ((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 23 0 NIL NIL NIL NIL)"
                + "(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 30 0 NIL NIL NIL NIL)"
                + " \"alternative\" (\"boundary\" \"inner\") NIL NIL NIL) 17 NIL NIL NIL NIL)"
                + " \"mixed\" (\"boundary\" \"outer\") NIL NIL NIL)");
        assertThat(m.parts()).extracting(MimePart::section)
                .containsExactly("1", "2", "2.1", "2.2");
        assertThat(m.inReplyTo()).isEqualTo("<alt-0001@chu-exemple.mssante.fr>");
        assertThat(m.references())
                .containsExactly("<orig-0000@chu-exemple.mssante.fr>", "<alt-0001@chu-exemple.mssante.fr>");
        assertThat(m.hasAttachments()).isTrue(); // a forwarded message is an attachment
    }

    @Test
    void groupSyntaxSourceRouteAndCommentName() {
        ParsedMessage m = Samples.parse("group-addresses.eml");

        assertThat(m.envelope()).isEqualTo("(\"Thu, 21 Mar 2024 16:45:00 +0100\" \"Liste de diffusion\""
                + " ((\"Dr Jean Martin\" NIL \"jean.martin\" \"chu-exemple.mssante.fr\"))"
                + " ((NIL \"@relay.mssante.fr\" \"robot\" \"chu-exemple.mssante.fr\"))"
                + " ((\"Dr Jean Martin\" NIL \"jean.martin\" \"chu-exemple.mssante.fr\"))"
                + " ((NIL NIL \"Service de cardiologie\" NIL)"
                + "(NIL NIL \"a.dupont\" \"chu-exemple.mssante.fr\")"
                + "(\"Bernard, Paul\" NIL \"p.bernard\" \"chu-exemple.mssante.fr\")"
                + "(NIL NIL NIL NIL)"
                + "(\"=?UTF-8?Q?Fran=C3=A7oise_No=C3=ABl?=\" NIL \"f.noel\" \"chu-exemple.mssante.fr\"))"
                + " ((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL))"
                + " NIL NIL \"<group-0001@chu-exemple.mssante.fr>\")");
        assertThat(m.from()).isEqualTo("Dr Jean Martin <jean.martin@chu-exemple.mssante.fr>");
    }

    @Test
    void missingDateAndNoMimeVersion() {
        ParsedMessage m = Samples.parse("missing-date.eml");

        assertThat(m.sentDate()).isNull();
        assertThat(m.envelope()).startsWith("(NIL \"Sans date\" ");
        assertThat(m.bodyStructure())
                .isEqualTo("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 36 1 NIL NIL NIL NIL)");
        assertThat(m.inReplyTo()).isNull();
        assertThat(m.references()).isEmpty();
    }

    @Test
    void headerValuesAreOnlyRead() {
        byte[] raw = Samples.load("qp-utf8.eml");
        byte[] copy = raw.clone();

        ParsedMessage m = new MessageParser().parse(raw);

        assertThat(raw).isEqualTo(copy);
        // The X-MSS-* header is served untouched from the raw header slice.
        String header = Samples.slice(raw, 0, m.headerSize());
        assertThat(header).contains("X-MSS-Trace: relay1.mssante.fr;  keep   exactly\tthis\r\n")
                .endsWith("\r\n\r\n");
    }

    @Test
    void listingFieldsOfAllSamples() {
        List<String> subjects = Samples.ALL.stream().map(Samples::parse).map(ParsedMessage::subject).toList();

        assertThat(subjects).containsExactly(
                "IMAP4rev1 WG mtg summary and minutes",
                "Compte-rendu d'hospitalisation – Mme Dupont",
                "Compte-rendu d'hospitalisation – Mme Dupont",
                "Rendez-vous de suivi",
                "CR Mme Dupont avec XDM",
                "Fwd: Rendez-vous de suivi",
                "Liste de diffusion",
                "Sans date",
                "Tronque",
                "Type bizarre",
                "Résultats d'analyse – urgent",
                "Sans boundary");
    }
}
