package fr.mssante.connector.imap;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.compression.JdkZlibDecoder;
import io.netty.handler.codec.compression.JdkZlibEncoder;
import io.netty.handler.codec.compression.ZlibWrapper;
import io.netty.handler.ssl.SslHandler;

/**
 * COMPRESS=DEFLATE on a connection (RFC 4978 section 4): raw DEFLATE (RFC 1951, no zlib or gzip wrapper:
 * {@link ZlibWrapper#NONE}) in both directions, placed right above TLS when there is TLS (the IMAP octets
 * are compressed, then encrypted), else next to the socket. The encoder ends each write with a sync
 * flush, so that every response reaches the client whole (section 4: "the server MUST flush").
 */
final class DeflatePipeline {

    static final String INFLATER = "imap-inflater";
    static final String DEFLATER = "imap-deflater";

    private DeflatePipeline() {
    }

    static void add(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        ChannelHandlerContext tls = pipeline.context(SslHandler.class);
        JdkZlibDecoder inflater = new JdkZlibDecoder(ZlibWrapper.NONE);
        JdkZlibEncoder deflater = new JdkZlibEncoder(ZlibWrapper.NONE);
        if (tls == null) {
            pipeline.addFirst(INFLATER, inflater);
            pipeline.addFirst(DEFLATER, deflater);
        } else {
            pipeline.addAfter(tls.name(), INFLATER, inflater);
            pipeline.addAfter(tls.name(), DEFLATER, deflater);
        }
    }
}
