package fr.mssante.ejb.delivery.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Test helpers: sample messages of src/test/resources/mime, always with CRLF line ends. */
final class Samples {

    static final List<String> ALL = List.of(
            "rfc3501-example.eml", "qp-utf8.eml", "qp-latin1.eml", "alternative.eml",
            "mixed-attachments.eml", "nested-rfc822.eml", "group-addresses.eml", "missing-date.eml",
            "malformed-no-closing-boundary.eml", "malformed-bogus-content-type.eml",
            "malformed-8bit-headers.eml", "malformed-missing-boundary.eml");

    private Samples() {
    }

    /** A sample message; bare LFs are turned into CRLF in case a checkout converted them. */
    static byte[] load(String name) {
        return crlf(resource(name));
    }

    static byte[] resource(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/mime/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParsedMessage parse(String name) {
        return new MessageParser().parse(load(name));
    }

    /** Builds a message from text lines written with "\n": converted to CRLF, UTF-8. */
    static byte[] msg(String text) {
        return crlf(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] crlf(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + in.length / 20);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\n' && (i == 0 || in[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(in[i]);
        }
        return out.toByteArray();
    }

    /** Bytes [from, to) of the raw message as an ISO-8859-1 string (one char per octet). */
    static String slice(byte[] raw, long from, long to) {
        return new String(Arrays.copyOfRange(raw, (int) from, (int) to), StandardCharsets.ISO_8859_1);
    }

    static String octets(String unicode) {
        return new String(unicode.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
