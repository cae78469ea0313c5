package fr.mssante.ejb.delivery.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextStripperTest {

    @Test
    void stripsTagsAndDecodesEntitiesEvenWhenFedCharByChar() {
        String html = "<div>Bonjour&nbsp;Docteur,</div><p>R&eacute;sultat&#160;: <b>normal</b>"
                + "<br/>Fin &copy;</p><script>if (a < b) alert('x');</script><!-- <p>hidden</p> -->ok";
        StringBuilder whole = new StringBuilder();
        StringBuilder oneByOne = new StringBuilder();

        strip(html, whole, false);
        strip(html, oneByOne, true);

        assertThat(whole.toString()).isEqualTo("\nBonjour Docteur,\n\nRésultat : normal\nFin ©\nok");
        assertThat(oneByOne.toString()).isEqualTo(whole.toString());
    }

    private static void strip(String html, StringBuilder out, boolean charByChar) {
        HtmlTextStripper s = new HtmlTextStripper(new CharSink() {
            @Override
            public void write(char[] c, int off, int len) {
                out.append(c, off, len);
            }

            @Override
            public void close() {
            }
        });
        char[] c = html.toCharArray();
        if (charByChar) {
            for (int i = 0; i < c.length; i++) {
                s.write(c, i, 1);
            }
        } else {
            s.write(c, 0, c.length);
        }
        s.close();
    }
}
