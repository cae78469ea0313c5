package fr.mssante.connector.smtp;

import fr.mssante.connector.api.smtp.SmtpReply;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

import java.util.List;

/**
 * Writes a reply in the RFC 5321 section 4.2.1 format: {@code code-text} for every line but the last,
 * {@code code text} for the last, each line prefixed by the enhanced status code when there is one
 * (RFC 2034 section 4 puts it on every line of a multi-line reply).
 *
 * <p>Reply text can come from the client (the EHLO name is echoed) or from the application: anything
 * outside printable US-ASCII, CR and LF first of all, is replaced so that no text can end a reply line
 * early and forge a reply of its own.
 */
@Sharable
final class SmtpReplyEncoder extends MessageToByteEncoder<SmtpReply> {

    static final SmtpReplyEncoder INSTANCE = new SmtpReplyEncoder();

    private SmtpReplyEncoder() {
        super(SmtpReply.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, SmtpReply reply, ByteBuf out) {
        encode(reply, out);
    }

    static void encode(SmtpReply reply, ByteBuf out) {
        List<String> lines = reply.lines();
        for (int i = 0; i < lines.size(); i++) {
            writeAscii(out, Integer.toString(reply.code()));
            out.writeByte(i < lines.size() - 1 ? '-' : ' ');
            if (reply.enhancedStatus() != null) {
                writeAscii(out, reply.enhancedStatus());
                out.writeByte(' ');
            }
            writeAscii(out, lines.get(i));
            out.writeByte('\r').writeByte('\n');
        }
    }

    private static void writeAscii(ByteBuf out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.writeByte(c >= 0x20 && c < 0x7f ? c : '?');
        }
    }
}
