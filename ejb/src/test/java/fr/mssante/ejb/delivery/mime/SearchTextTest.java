package fr.mssante.ejb.delivery.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** textForSearch: decoded text of the text/* parts, for IMAP SEARCH BODY/TEXT. */
class SearchTextTest {

    @Test
    void quotedPrintableUtf8IsDecoded() {
        String text = Samples.parse("qp-utf8.eml").textForSearch();

        assertThat(text).startsWith("Chère consœur,\n\n")
                .contains("hospitalisée du 4 au 12 mars 2024 en cardiologie – fibrillation auriculaire.")
                .doesNotContain("=C3", "\r");
    }

    @Test
    void iso88591TextIsDecodedAsWindows1252() {
        String text = Samples.parse("qp-latin1.eml").textForSearch();

        assertThat(text).contains("Mme Dupont – séjour en cardiologie", "Résultats d'échographie", "Hélène Léger");
    }

    @Test
    void htmlAlternativeIsSkippedWhenPlainTextWasTaken() {
        String text = Samples.parse("alternative.eml").textForSearch();

        assertThat(text).isEqualTo("Le rendez-vous de suivi est fixé au 2 avril à 9h30.\n"
                + "Merci de prévenir la patiente.\n");
    }

    @Test
    void htmlOnlyPartIsStripped() {
        byte[] raw = Samples.msg("MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n"
                + "Content-Transfer-Encoding: quoted-printable\n\n"
                + "<html><head><title>T</title><style>p { color: red; }</style>\n"
                + "<script>var x = '<p>hidden</p>';</script></head>\n"
                + "<body><!-- a comment --><p>Fix=C3=A9 au <b>2 avril</b> &agrave; 9h30&nbsp;!</p>"
                + "<p>Caf&#233; &amp; th&#xE9; &unknown; a&lt;b</p></body></html>\n");

        String text = new MessageParser().parse(raw).textForSearch();

        assertThat(text).contains("Fixé au 2 avril à 9h30 !", "Café & thé &unknown; a<b")
                .doesNotContain("color", "hidden", "comment", "<p>", "<b>");
    }

    @Test
    void base64TextPartIsDecoded() {
        String body = Base64.getMimeEncoder().encodeToString(
                "Résultat: hémoglobine 13,5 g/dL\n".repeat(20).getBytes(StandardCharsets.UTF_8));
        byte[] raw = Samples.msg("MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=x\n\n--x\n"
                + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
                + body + "\n--x--\n");

        String text = new MessageParser().parse(raw).textForSearch();

        assertThat(text).startsWith("Résultat: hémoglobine 13,5 g/dL\n").hasSize(32 * 20);
    }

    @Test
    void attachmentsAndNestedMessagesContributeOnlyTheirText() {
        assertThat(Samples.parse("mixed-attachments.eml").textForSearch())
                .isEqualTo("Ci-joint le compte-rendu et le lot IHE XDM.");
        assertThat(Samples.parse("nested-rfc822.eml").textForSearch())
                .isEqualTo("Message transfere ci-dessous.\nRendez-vous le 2 avril.");
    }

    @Test
    void textIsCappedAtTheConfiguredLimit() {
        byte[] raw = Samples.load("rfc3501-example.eml");

        assertThat(new MessageParser(40).parse(raw).textForSearch()).hasSize(40);
        assertThat(new MessageParser(0).parse(raw).textForSearch()).isEmpty();
        assertThat(new MessageParser().parse(raw).textForSearch()).hasSize(3028 - 92); // CRs dropped
    }

    @Test
    void capDoesNotSplitSurrogatePairs() {
        byte[] raw = Samples.msg("Content-Type: text/plain; charset=utf-8\n\nab\uD83D\uDE00cd\n");

        assertThat(new MessageParser(3).parse(raw).textForSearch()).isEqualTo("ab");
        assertThat(new MessageParser(4).parse(raw).textForSearch()).isEqualTo("ab\uD83D\uDE00");
    }
}
