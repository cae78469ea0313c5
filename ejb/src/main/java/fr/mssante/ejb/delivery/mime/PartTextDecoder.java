package fr.mssante.ejb.delivery.mime;

import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Locale;

/**
 * The text one part gives the search text: its body octets, collected as the scanner pushes them, are
 * decoded when the part ends, by mime4j's transfer decoders (RFC 2045 section 6.7 quoted-printable, 6.8
 * base64, lenient: {@link DecodeMonitor#SILENT}), then from the part's charset, then, for text/html, to the
 * text a reader sees ({@link HtmlText}).
 *
 * <p>mime4j's decoders read a stream, the scanner pushes lines: the part's encoded body is kept, up to
 * {@link #MAX_ENCODED_OCTETS} (what lies beyond is not searched; the search text itself is capped far
 * lower), so memory stays bounded whatever the part's size.
 */
final class PartTextDecoder implements ByteSink {

    /** Encoded octets of one part kept for decoding: 8 MiB, well over what fills the search text. */
    static final int MAX_ENCODED_OCTETS = 8 * 1024 * 1024;

    private final String transferEncoding;
    private final Charset charset;
    private final boolean html;
    private final SearchTextBuffer out;
    private final Encoded encoded = new Encoded();

    /**
     * @param transferEncoding the effective Content-Transfer-Encoding, lower case
     * @param charset          the charset to decode with, null for lenient UTF-8 ({@link MimeCharsets})
     */
    PartTextDecoder(String transferEncoding, Charset charset, boolean html, SearchTextBuffer out) {
        this.transferEncoding = transferEncoding.toLowerCase(Locale.ROOT);
        this.charset = charset;
        this.html = html;
        this.out = out;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (!out.isFull()) {
            encoded.write(b, off, Math.min(len, MAX_ENCODED_OCTETS - encoded.size()));
        }
    }

    @Override
    public void close() {
        if (out.isFull()) {
            return;
        }
        byte[] octets;
        try (InputStream decoded = transferDecoded(encoded.asStream())) {
            octets = decoded.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams, lenient decoders: cannot happen
        }
        String text = CharsetTextDecoder.decode(octets, octets.length, charset);
        out.append(html ? HtmlText.text(text) : text);
    }

    private InputStream transferDecoded(InputStream raw) {
        return switch (transferEncoding) {
            case "base64" -> new Base64InputStream(raw, DecodeMonitor.SILENT);
            case "quoted-printable" -> new QuotedPrintableInputStream(raw, DecodeMonitor.SILENT);
            default -> raw;
        };
    }

    /** The collected octets, read back without a copy. */
    private static final class Encoded extends ByteArrayOutputStream {
        InputStream asStream() {
            return new ByteArrayInputStream(buf, 0, count);
        }
    }
}
