package fr.mssante.ejb.delivery.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/** Transfer and charset decoders must give the same result however the input is split. */
class StreamingDecodersTest {

    @Test
    void quotedPrintable() {
        String qp = "Ch=C3=A8re cons=C5=93ur, hospitalis=\r\n=C3=A9e =3D ok =\n= =ZZ end=";

        assertThat(decodeSplitEverywhere(qp.getBytes(StandardCharsets.US_ASCII), QuotedPrintableDecoder::new))
                .isEqualTo("Chère consœur, hospitalisée = ok = =ZZ end=".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void base64IgnoresLineBreaksAndGarbage() {
        byte[] data = "Compte-rendu d'hospitalisation – Mme Dupont".getBytes(StandardCharsets.UTF_8);
        String b64 = Base64.getMimeEncoder(10, "\r\n".getBytes()).encodeToString(data) + "\r\n!!";

        assertThat(decodeSplitEverywhere(b64.getBytes(StandardCharsets.US_ASCII), Base64Decoder::new)).isEqualTo(data);
    }

    @Test
    void truncatedBase64KeepsCompleteOctets() {
        assertThat(decodeSplitEverywhere("SGVsbG8gd29y".getBytes(), Base64Decoder::new)).isEqualTo("Hello wor".getBytes());
        assertThat(decodeSplitEverywhere("SGVsbG8gd2".getBytes(), Base64Decoder::new)).isEqualTo("Hello w".getBytes());
    }

    @Test
    void lenientUtf8FallsBackToWindows1252ForInvalidOctets() {
        byte[] mixed = concat("Hélène ".getBytes(StandardCharsets.UTF_8), "Léger \u2013 ".getBytes(Charset.forName("windows-1252")),
                "😀".getBytes(StandardCharsets.UTF_8));

        assertThat(charsSplitEverywhere(mixed, null)).isEqualTo("Hélène Léger – 😀");
    }

    @Test
    void declaredCharsetIsUsed() {
        byte[] koi8 = "Привет".getBytes(Charset.forName("KOI8-R"));

        assertThat(charsSplitEverywhere(koi8, Charset.forName("KOI8-R"))).isEqualTo("Привет");
        assertThat(MimeCharsets.forText("ISO-8859-1")).isEqualTo(MimeCharsets.WINDOWS_1252);
        assertThat(MimeCharsets.forText("utf-8")).isNull();
        assertThat(MimeCharsets.forText("x-no-such-charset")).isNull();
        assertThat(MimeCharsets.forText("gb2312")).isEqualTo(Charset.forName("GBK"));
    }

    private static byte[] decodeSplitEverywhere(byte[] input, Function<ByteSink, ByteSink> decoder) {
        byte[] whole = null;
        for (int split = 0; split <= input.length; split++) {
            Collector out = new Collector();
            ByteSink d = decoder.apply(out);
            d.write(input, 0, split);
            d.write(input, split, input.length - split);
            d.close();
            if (whole == null) {
                whole = out.bytes.toByteArray();
            } else {
                assertThat(out.bytes.toByteArray()).as("split at %d", split).isEqualTo(whole);
            }
        }
        return whole;
    }

    private static String charsSplitEverywhere(byte[] input, Charset cs) {
        String whole = null;
        for (int split = 0; split <= input.length; split++) {
            StringBuilder sb = new StringBuilder();
            CharsetTextDecoder d = new CharsetTextDecoder(cs, new CharSink() {
                @Override
                public void write(char[] c, int off, int len) {
                    sb.append(c, off, len);
                }

                @Override
                public void close() {
                }
            });
            for (int i = 0; i < input.length; i++) { // also octet by octet around the split
                if (i == split) {
                    d.write(input, i, input.length - i);
                    break;
                }
                d.write(input, i, 1);
            }
            d.close();
            if (whole == null) {
                whole = sb.toString();
            } else {
                assertThat(sb.toString()).as("split at %d", split).isEqualTo(whole);
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

    private static final class Collector implements ByteSink {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        @Override
        public void close() {
        }
    }
}
