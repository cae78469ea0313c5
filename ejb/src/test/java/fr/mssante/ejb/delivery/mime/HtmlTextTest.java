package fr.mssante.ejb.delivery.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void keepsTheTextAUserReadsWhateverTheChunking() {
        String html = "<div>Bonjour&nbsp;Docteur,</div><p>R&eacute;sultat&#160;: <b>normal</b>"
                + "<br/>Fin &copy; &hearts;</p><script>if (a < b) alert('x');</script><!-- <p>hidden</p> -->ok"
                + "<style>p { color: red }</style><p>d&eacute;j&agrave; vu";

        String whole = text(html, false);

        assertThat(whole).isEqualTo("Bonjour Docteur, Résultat : normal Fin © ♥ ok déjà vu");
        assertThat(text(html, true)).isEqualTo(whole);
    }

    @Test
    void aHugePartIsCutNotBufferedWhole() {
        String html = "<p>" + "x".repeat(HtmlText.MAX_HTML_CHARS + 1000);

        assertThat(text(html, false)).hasSize(HtmlText.MAX_HTML_CHARS - 3);
    }

    /** Through the search text buffer, as delivery does (non-breaking spaces become spaces there). */
    private static String text(String html, boolean charByChar) {
        SearchTextBuffer out = new SearchTextBuffer(10 * 1024 * 1024);
        HtmlText sink = new HtmlText(out);
        char[] c = html.toCharArray();
        if (charByChar) {
            for (int i = 0; i < c.length; i++) {
                sink.write(c, i, 1);
            }
        } else {
            sink.write(c, 0, c.length);
        }
        sink.close();
        return out.toString();
    }
}
