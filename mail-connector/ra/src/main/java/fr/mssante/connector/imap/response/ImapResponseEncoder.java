package fr.mssante.connector.imap.response;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;

import java.util.List;

/**
 * Outbound handler that writes {@link ImapResponse}s, delegating each family to its writer:
 * {@link StatusResponseWriter} (status responses and continuations), {@link MessageDataWriter}
 * (mailbox size and search results), {@link FetchResponseWriter}, {@link MailboxDataWriter} (LIST,
 * STATUS, quotas) and {@link ServerDataWriter} (capabilities, ENABLED, NAMESPACE, ID).
 */
@Sharable
public final class ImapResponseEncoder extends MessageToMessageEncoder<ImapResponse> {

    public static final ImapResponseEncoder INSTANCE = new ImapResponseEncoder();

    private ImapResponseEncoder() {
        super(ImapResponse.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ImapResponse response, List<Object> out) {
        out.add(encode(response, ctx.alloc()));
    }

    /** The octets of one response, CRLF included. */
    public static ByteBuf encode(ImapResponse response, ByteBufAllocator allocator) {
        ImapComposer composer = new ImapComposer(allocator);
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
