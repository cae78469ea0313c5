package fr.mssante.connector.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An {@link EmbeddedChannel} that looks like a TCP connection from 192.0.2.7 (the session handlers read
 * the client's IP address), so that a whole protocol pipeline can be driven in memory, without sockets
 * or threads: fast enough to push a million fuzz inputs through the real decoders and sessions.
 */
public final class ConnectedEmbeddedChannel extends EmbeddedChannel {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.7", 40_000);

    public ConnectedEmbeddedChannel(ChannelHandler... handlers) {
        super(handlers);
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return CLIENT;
    }

    /**
     * Sends {@code input} in reads of the given sizes (cycling through them; the network may split the
     * stream anywhere), running the event loop's tasks, timers included, after each read.
     */
    public void send(byte[] input, List<Integer> readSizes) {
        int offset = 0;
        for (int i = 0; offset < input.length && isOpen(); i++) {
            int size = readSizes.isEmpty() ? input.length : Math.max(1, readSizes.get(i % readSizes.size()));
            int length = Math.min(size, input.length - offset);
            // A copy, as from a socket: the decoders own and compact what they receive.
            writeInbound(Unpooled.copiedBuffer(input, offset, length));
            offset += length;
            settle();
        }
    }

    /** Runs pending tasks and due timers until there are none left (bounded: a loop would be a finding). */
    public void settle() {
        for (int round = 0; round < 1000 && isOpen(); round++) {
            runPendingTasks();
            advanceTimeBy(1, TimeUnit.MINUTES);
            runPendingTasks();
            if (!hasPendingTasks()) {
                return;
            }
        }
    }

    /** Everything written to the client so far, as ISO-8859-1 text (one char per octet). */
    public String output() {
        StringBuilder out = new StringBuilder();
        for (Object message = readOutbound(); message != null; message = readOutbound()) {
            ByteBuf buf = (ByteBuf) message;
            out.append(buf.toString(StandardCharsets.ISO_8859_1));
            buf.release();
        }
        return out.toString();
    }
}
