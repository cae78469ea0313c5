package fr.mssante.connector.imap.response;

import fr.mssante.connector.imap.protocol.MailboxNames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;

/**
 * Writes the lexical elements of RFC 3501 section 4 (atoms, quoted strings, literals, NIL, lists) into
 * a buffer. Large literals are not copied: they are added to a composite buffer as wrapped slices of
 * the message array.
 */
final class ImapComposer {

    /** Literals from this size on are wrapped instead of copied. */
    private static final int WRAP_THRESHOLD = 1024;

    private final ByteBufAllocator allocator;
    private final MailboxNames.Encoding names;
    private final CompositeByteBuf out;
    private ByteBuf current;

    /** @param names how this connection's client reads mailbox names */
    ImapComposer(ByteBufAllocator allocator, MailboxNames.Encoding names) {
        this.allocator = allocator;
        this.names = names;
        this.out = allocator.compositeBuffer(Integer.MAX_VALUE);
    }

    private ByteBuf current() {
        if (current == null) {
            current = allocator.buffer(256);
        }
        return current;
    }

    /** Protocol text we produce ourselves: US-ASCII by construction. */
    ImapComposer raw(String ascii) {
        current().writeCharSequence(ascii, StandardCharsets.US_ASCII);
        return this;
    }

    /** Precomputed octets (one char per octet). */
    ImapComposer octets(String iso) {
        current().writeCharSequence(iso, StandardCharsets.ISO_8859_1);
        return this;
    }

    /**
     * Human-readable text (RFC 3501 {@code text}): printable US-ASCII only, so that no text coming from
     * the client or the application can end the line early and forge a response; a leading "[" would
     * read as a response code, so it is replaced too.
     */
    ImapComposer text(String text) {
        ByteBuf buf = current();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean printable = c >= 0x20 && c < 0x7f && !(i == 0 && c == '[');
            buf.writeByte(printable ? c : '?');
        }
        return this;
    }

    ImapComposer sp() {
        current().writeByte(' ');
        return this;
    }

    ImapComposer open() {
        current().writeByte('(');
        return this;
    }

    ImapComposer close() {
        current().writeByte(')');
        return this;
    }

    ImapComposer crlf() {
        current().writeByte('\r').writeByte('\n');
        return this;
    }

    ImapComposer nil() {
        return raw("NIL");
    }

    ImapComposer number(long n) {
        return raw(Long.toString(n));
    }

    /** A string: quoted when it is short 7-bit text without CR/LF, a literal otherwise. */
    ImapComposer string(String utf8) {
        return string(utf8, false);
    }

    /** @param eightBit whether the quoted form may carry UTF-8 (RFC 6855 section 3, {@code uQUOTED-CHAR}) */
    private ImapComposer string(String utf8, boolean eightBit) {
        byte[] bytes = utf8.getBytes(StandardCharsets.UTF_8);
        if (quotable(bytes, eightBit)) {
            ByteBuf buf = current();
            buf.writeByte('"');
            for (byte b : bytes) {
                if (b == '"' || b == '\\') {
                    buf.writeByte('\\');
                }
                buf.writeByte(b);
            }
            buf.writeByte('"');
            return this;
        }
        return literal(bytes, 0, bytes.length);
    }

    private static boolean quotable(byte[] bytes, boolean eightBit) {
        if (bytes.length > 1024) {
            return false;
        }
        for (byte b : bytes) {
            if (b == 0 || b == '\r' || b == '\n' || (b < 0 && !eightBit)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A mailbox name, quoted: modified UTF-7 (RFC 3501 section 5.1.3), or UTF-8 as it is for a client
     * that enabled UTF8=ACCEPT (RFC 6855 section 3: no modified UTF-7 in its responses).
     */
    ImapComposer mailbox(String utf8) {
        return string(MailboxNames.encode(utf8, names), names == MailboxNames.Encoding.UTF8);
    }

    ImapComposer literal(byte[] data, int offset, int length) {
        return literal("{", data, offset, length);
    }

    /** {@code literal8} (RFC 3516 section 4.2): the only form that may carry NUL octets. */
    ImapComposer literal8(byte[] data, int offset, int length) {
        return literal("~{", data, offset, length);
    }

    private ImapComposer literal(String opening, byte[] data, int offset, int length) {
        raw(opening + length + "}").crlf();
        if (length >= WRAP_THRESHOLD) {
            flushCurrent();
            out.addComponent(true, Unpooled.wrappedBuffer(data, offset, length));
        } else {
            current().writeBytes(data, offset, length);
        }
        return this;
    }

    private void flushCurrent() {
        if (current != null) {
            out.addComponent(true, current);
            current = null;
        }
    }

    /** The composed octets; the composer must not be used afterwards. */
    ByteBuf finish() {
        flushCurrent();
        return out;
    }
}
