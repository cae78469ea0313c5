package fr.mssante.ejb.delivery.mime;

import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Undoes a Content-Transfer-Encoding (RFC 2045 section 6) with mime4j's codecs, for FETCH BINARY
 * (RFC 3516): base64 and quoted-printable are decoded leniently (what a reader would see: invalid
 * characters skipped, as mime4j's silent decode monitor does); 7bit, 8bit and binary are identities
 * (section 6.2). Any other encoding is unknown: the caller answers {@code NO [UNKNOWN-CTE]}.
 */
public final class TransferDecoding {

    private TransferDecoding() {
    }

    /** Whether {@link #decode} knows this encoding (case-insensitive). */
    public static boolean isKnown(String encoding) {
        return switch (encoding.toLowerCase(Locale.ROOT)) {
            case "7bit", "8bit", "binary", "base64", "quoted-printable" -> true;
            default -> false;
        };
    }

    /**
     * The decoded octets of {@code raw[from, to)}.
     *
     * @throws IllegalArgumentException for an encoding that is not {@link #isKnown}
     */
    public static byte[] decode(String encoding, byte[] raw, int from, int to) {
        InputStream encoded = new ByteArrayInputStream(raw, from, to - from);
        try (InputStream decoded = switch (encoding.toLowerCase(Locale.ROOT)) {
            case "base64" -> new Base64InputStream(encoded);
            case "quoted-printable" -> new QuotedPrintableInputStream(encoded, false);
            case "7bit", "8bit", "binary" -> encoded;
            default -> throw new IllegalArgumentException("Unknown Content-Transfer-Encoding " + encoding);
        }) {
            return decoded.readAllBytes();
        } catch (IOException e) {
            // In-memory streams: only a codec bug gets here.
            throw new UncheckedIOException(e);
        }
    }
}
