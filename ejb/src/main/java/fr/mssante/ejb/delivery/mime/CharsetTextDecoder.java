package fr.mssante.ejb.delivery.mime;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Streaming octets-to-text decoder for one part, tolerant of bad input.
 *
 * <p>With a known charset, undecodable octets become U+FFFD. In lenient UTF-8 mode (charset
 * null, see {@link MimeCharsets}) each octet sequence that is not valid UTF-8 is decoded as
 * windows-1252 instead, so a message mixing UTF-8 and Latin-1 (typical of forwarded or badly
 * labelled mail, and of raw 8-bit headers) still reads correctly. Multi-octet sequences split
 * across writes are carried over.
 */
final class CharsetTextDecoder implements ByteSink {

    private final CharsetDecoder decoder;
    private final boolean lenientUtf8;
    private final CharSink next;
    private final ByteBuffer pending = ByteBuffer.allocate(16);
    private final CharBuffer out = CharBuffer.allocate(4096);

    CharsetTextDecoder(Charset charset, CharSink next) {
        this.lenientUtf8 = charset == null;
        Charset cs = charset == null ? StandardCharsets.UTF_8 : charset;
        CodingErrorAction onError = lenientUtf8 ? CodingErrorAction.REPORT : CodingErrorAction.REPLACE;
        this.decoder = cs.newDecoder().onMalformedInput(onError).onUnmappableCharacter(onError);
        this.next = next;
    }

    /** Decodes a complete octet string (e.g. a header value) in lenient UTF-8 mode. */
    static String lenientUtf8(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length);
        CharsetTextDecoder d = new CharsetTextDecoder(null, new CharSink() {
            @Override
            public void write(char[] c, int off, int len) {
                sb.append(c, off, len);
            }

            @Override
            public void close() {
            }
        });
        d.write(b, 0, b.length);
        d.close();
        return sb.toString();
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ByteBuffer in = ByteBuffer.wrap(b, off, len);
        if (pending.position() > 0) {
            // Complete the sequence left over by the previous write, one octet at a time.
            while (pending.position() > 0 && in.hasRemaining() && pending.hasRemaining()) {
                pending.put(in.get());
                pending.flip();
                decode(pending, false);
                pending.compact();
            }
        }
        decode(in, false);
        if (in.hasRemaining()) {
            pending.put(in); // an incomplete multi-octet sequence (at most a few octets)
        }
        flushOut();
    }

    @Override
    public void close() {
        pending.flip();
        decode(pending, true);
        pending.clear();
        while (decoder.flush(out).isOverflow()) {
            flushOut();
        }
        flushOut();
        decoder.reset();
        next.close();
    }

    private void decode(ByteBuffer in, boolean endOfInput) {
        while (true) {
            CoderResult r = decoder.decode(in, out, endOfInput);
            if (r.isOverflow()) {
                flushOut();
            } else if (r.isError()) {
                for (int i = 0; i < r.length(); i++) {
                    int octet = in.get() & 0xff;
                    emit(lenientUtf8 ? cp1252(octet) : '\ufffd');
                }
            } else {
                return; // underflow: everything consumed, or an incomplete sequence remains
            }
        }
    }

    private static char cp1252(int octet) {
        if (octet < 0x80 || octet >= 0xa0) {
            return (char) octet;
        }
        String s = new String(new byte[] {(byte) octet}, MimeCharsets.WINDOWS_1252);
        return s.charAt(0) == '\ufffd' ? (char) octet : s.charAt(0);
    }

    private void emit(char c) {
        if (!out.hasRemaining()) {
            flushOut();
        }
        out.put(c);
    }

    private void flushOut() {
        if (out.position() > 0) {
            out.flip();
            next.write(out.array(), out.arrayOffset() + out.position(), out.remaining());
            out.clear();
        }
    }
}
