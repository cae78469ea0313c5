package fr.mssante.ejb.delivery.mime;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mssante.ejb.delivery.mime.MimeParams.Param;

import org.junit.jupiter.api.Test;

class MimeParamsTest {

    @Test
    void keepsSpellingAndUnquotes() {
        MimeParams.Parsed p = MimeParams.parse("Text/Plain; CharSet=\"UTF-8\" (comment); Format=flowed");

        assertThat(p.value()).isEqualTo("Text/Plain");
        assertThat(p.params()).containsExactly(new Param("CharSet", "UTF-8"), new Param("Format", "flowed"));
        assertThat(MimeParams.get(p.params(), "charset")).isEqualTo("UTF-8");
    }

    @Test
    void unquotedBoundaryWithEqualsSigns() {
        assertThat(MimeParams.parse("multipart/mixed; boundary=----=_Part_1_2.3").params())
                .containsExactly(new Param("boundary", "----=_Part_1_2.3"));
    }

    @Test
    void rfc2231ContinuationsAreMerged() {
        MimeParams.Parsed p = MimeParams.parse("attachment; title*1=\" fun\"; title*0=\"This is\"; a=b;"
                + " filename*0*=UTF-8''Compte%20rendu; filename*1*=%20Dupont.pdf");

        assertThat(p.params()).containsExactly(new Param("title", "This is fun"), new Param("a", "b"),
                new Param("filename*", "UTF-8''Compte%20rendu%20Dupont.pdf"));
        assertThat(HeaderText.decodeRfc2231(MimeParams.get(p.params(), "filename*")))
                .isEqualTo("Compte rendu Dupont.pdf");
    }

    @Test
    void eightBitValuesStayOctets() {
        String octets = Samples.octets("Compte-rendu é.pdf");

        assertThat(MimeParams.parse("attachment; filename=\"" + octets + "\"").params())
                .containsExactly(new Param("filename", octets));
    }

    @Test
    void rfc2231ValuesAreDecodedByMime4j() {
        assertThat(HeaderText.decodeRfc2231("iso-8859-1'fr'caf%E9.txt")).isEqualTo("café.txt");
        assertThat(HeaderText.decodeRfc2231("utf-8''R%C3%A9sultat%20bio.pdf")).isEqualTo("Résultat bio.pdf");
        // Real-world breakage, as mime4j reads it (ADR 0033): a value it cannot decode keeps its octets.
        assertThat(HeaderText.decodeRfc2231("x-unknown''caf%E9.txt")).isEqualTo("caf%E9.txt");
        assertThat(HeaderText.decodeRfc2231("UTF-8''bad%zz.txt")).isEqualTo("UTF-8''bad%zz.txt");
        assertThat(HeaderText.decodeRfc2231("no-quotes%41.txt")).isEqualTo("no-quotes%41.txt");
    }
}
