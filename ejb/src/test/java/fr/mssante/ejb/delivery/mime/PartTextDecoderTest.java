package fr.mssante.ejb.delivery.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/**
 * The text of one part (mime4j's transfer decoders, charset, HTML) must be the same however the scanner
 * splits its body.
 */
class PartTextDecoderTest {

    @Test
    void quotedPrintable() {
        String qp = "Ch=C3=A8re cons=C5=93ur, hospitalis=\r\n=C3=A9e =3D ok =\n= =ZZ end=";

        assertThat(textSplitEverywhere(qp.getBytes(StandardCharsets.US_ASCII), "quoted-printable", null))
                .isEqualTo("Chère consœur, hospitalisée = ok = =ZZ end=");
    }

    @Test
    void base64IgnoresLineBreaksAndGarbage() {
        String text = "Compte-rendu d'hospitalisation – Mme Dupont";
        String b64 = Base64.getMimeEncoder(10, "\r\n".getBytes()).encodeToString(text.getBytes(StandardCharsets.UTF_8))
                + "\r\n!!";

        assertThat(textSplitEverywhere(b64.getBytes(StandardCharsets.US_ASCII), "BASE64", null)).isEqualTo(text);
    }

    @Test
    void truncatedBase64KeepsCompleteQuanta() {
        assertThat(textSplitEverywhere("SGVsbG8gd29y".getBytes(), "base64", null)).isEqualTo("Hello wor");
        // A cut message: mime4j drops an incomplete final quantum ("d2" would give one more octet, "w"),
        // where the former hand-written decoder kept it; at most two octets of a truncated part (ADR 0033).
        assertThat(textSplitEverywhere("SGVsbG8gd2".getBytes(), "base64", null)).isEqualTo("Hello ");
    }

    @Test
    void lenientUtf8FallsBackToWindows1252ForInvalidOctets() {
        byte[] mixed = concat("Hélène ".getBytes(StandardCharsets.UTF_8),
                "Léger \u2013 ".getBytes(Charset.forName("windows-1252")), "😀".getBytes(StandardCharsets.UTF_8));

        assertThat(textSplitEverywhere(mixed, "8bit", null)).isEqualTo("Hélène Léger – 😀");
    }

    @Test
    void declaredCharsetIsUsed() {
        byte[] koi8 = "Привет".getBytes(Charset.forName("KOI8-R"));

        assertThat(textSplitEverywhere(koi8, "8bit", Charset.forName("KOI8-R"))).isEqualTo("Привет");
        assertThat(MimeCharsets.forText("ISO-8859-1")).isEqualTo(MimeCharsets.WINDOWS_1252);
        assertThat(MimeCharsets.forText("utf-8")).isNull();
        assertThat(MimeCharsets.forText("x-no-such-charset")).isNull();
        assertThat(MimeCharsets.forText("gb2312")).isEqualTo(Charset.forName("GBK"));
    }

    @Test
    void htmlPartsGiveTheTextAReaderSees() {
        String html = "<p>R=C3=A9sultat&nbsp;: <b>normal</b></p><script>x</script>";

        assertThat(textSplitEverywhere(html.getBytes(StandardCharsets.US_ASCII), "quoted-printable", null, true))
                .isEqualTo("Résultat : normal");
    }

    @Test
    void aHugePartIsCutAtTheEncodedLimit() {
        byte[] huge = "x".repeat(PartTextDecoder.MAX_ENCODED_OCTETS + 1000).getBytes(StandardCharsets.US_ASCII);
        SearchTextBuffer out = new SearchTextBuffer(Integer.MAX_VALUE);
        PartTextDecoder part = new PartTextDecoder("7bit", null, false, out);
        part.write(huge, 0, huge.length);
        part.close();

        assertThat(out.toString()).hasSize(PartTextDecoder.MAX_ENCODED_OCTETS);
    }

    private static String textSplitEverywhere(byte[] input, String encoding, Charset charset) {
        return textSplitEverywhere(input, encoding, charset, false);
    }

    private static String textSplitEverywhere(byte[] input, String encoding, Charset charset, boolean html) {
        String whole = null;
        for (int split = 0; split <= input.length; split++) {
            SearchTextBuffer out = new SearchTextBuffer(1024 * 1024);
            PartTextDecoder part = new PartTextDecoder(encoding, charset, html, out);
            part.write(input, 0, split);
            part.write(input, split, input.length - split);
            part.close();
            if (whole == null) {
                whole = out.toString();
            } else {
                assertThat(out.toString()).as("split at %d", split).isEqualTo(whole);
            }
        }
        return whole;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
