package fr.mssante.ejb.delivery.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void keepsTheTextAUserReads() {
        String html = "<div>Bonjour&nbsp;Docteur,</div><p>R&eacute;sultat&#160;: <b>normal</b>"
                + "<br/>Fin &copy; &hearts;</p><script>if (a < b) alert('x');</script><!-- <p>hidden</p> -->ok"
                + "<style>p { color: red }</style><p>d&eacute;j&agrave; vu";

        assertThat(text(html)).isEqualTo("Bonjour Docteur, Résultat : normal Fin © ♥ ok déjà vu");
    }

    @Test
    void aHugePartIsCutNotBufferedWhole() {
        String html = "<p>" + "x".repeat(HtmlText.MAX_HTML_CHARS + 1000);

        assertThat(text(html)).hasSize(HtmlText.MAX_HTML_CHARS - 3);
    }

    /** Through the search text buffer, as delivery does (non-breaking spaces become spaces there). */
    private static String text(String html) {
        SearchTextBuffer out = new SearchTextBuffer(10 * 1024 * 1024);
        out.append(HtmlText.text(html));
        return out.toString();
    }
}
