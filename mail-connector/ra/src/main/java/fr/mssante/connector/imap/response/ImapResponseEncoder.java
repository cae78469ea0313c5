package fr.mssante.connector.imap.response;

import fr.mssante.connector.imap.protocol.MailboxNames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.util.AttributeKey;

import java.util.List;

/**
 * Outbound handler that writes {@link ImapResponse}s, delegating each family to its writer:
 * {@link StatusResponseWriter} (status responses and continuations), {@link MessageDataWriter}
 * (mailbox size and search results), {@link FetchResponseWriter}, {@link MailboxDataWriter} (LIST,
 * STATUS, quotas) and {@link ServerDataWriter} (capabilities, ENABLED, NAMESPACE, ID).
 *
 * <p>Shared by every connection; what differs per connection, the encoding of mailbox names (UTF-8 once
 * the session enabled UTF8=ACCEPT, RFC 6855), is the channel's {@link #MAILBOX_NAMES} attribute, which
 * only the session sets.
 */
@Sharable
public final class ImapResponseEncoder extends MessageToMessageEncoder<ImapResponse> {

    public static final ImapResponseEncoder INSTANCE = new ImapResponseEncoder();
    /** The connection's mailbox name encoding; modified UTF-7 when unset. */
    public static final AttributeKey<MailboxNames.Encoding> MAILBOX_NAMES =
            AttributeKey.valueOf(ImapResponseEncoder.class, "mailboxNames");

    private ImapResponseEncoder() {
        super(ImapResponse.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ImapResponse response, List<Object> out) {
        MailboxNames.Encoding names = ctx.channel().attr(MAILBOX_NAMES).get();
        out.add(encode(response, ctx.alloc(), names == null ? MailboxNames.Encoding.MODIFIED_UTF7 : names));
    }

    /** The octets of one response, CRLF included. */
    public static ByteBuf encode(ImapResponse response, ByteBufAllocator allocator, MailboxNames.Encoding names) {
        ImapComposer composer = new ImapComposer(allocator, names);
        if (!StatusResponseWriter.write(response, composer)
                && !MessageDataWriter.write(response, composer)
                && !FetchResponseWriter.write(response, composer)
                && !MailboxDataWriter.write(response, composer)
                && !ServerDataWriter.write(response, composer)) {
            throw new IllegalArgumentException("No writer for " + response.getClass().getName());
        }
        return composer.crlf().finish();
    }
}
