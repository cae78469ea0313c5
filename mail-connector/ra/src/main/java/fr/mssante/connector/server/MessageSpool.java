package fr.mssante.connector.server;

import fr.mssante.connector.api.smtp.InMemoryContent;
import fr.mssante.connector.api.smtp.MessageContent;
import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Collects the content of one message: in memory up to {@code threshold} octets, in a temporary file
 * beyond, so that the heap used by a connection never exceeds the threshold whatever the message size
 * (the size limit itself is enforced upstream: SMTP's data scanner, IMAP's literal size check).
 *
 * <p>The file is created by {@link Files#createTempFile}, readable by its owner only on POSIX systems:
 * it holds health data. It is deleted by {@link #discard()}, which the session calls once the
 * application has returned from {@code deliver} (SMTP) or {@code append} (IMAP) or when the message is
 * refused, and the network handler calls when the connection drops while the message arrives. Ownership
 * passes from the handler to the session at the end of the message, so exactly one of them discards a
 * given spool.
 *
 * <p>Not thread-safe: written on the event loop, then read by one listener call, then discarded.
 */
public final class MessageSpool {

    private static final Logger LOG = Logger.getLogger(MessageSpool.class.getName());
    private static final int INITIAL_CAPACITY = 4096;

    private final long threshold;
    private final Path directory;
    private final String filePrefix;

    private byte[] memory = new byte[0];
    private long size;
    private Path file;
    private OutputStream fileOut;
    private IOException failure;

    public MessageSpool(long threshold, Path directory, String filePrefix) {
        this.threshold = threshold;
        this.directory = directory;
        this.filePrefix = filePrefix;
    }

    /** Appends the readable bytes of {@code chunk} without consuming them. An I/O error is kept for {@link #content()}. */
    public void write(ByteBuf chunk) {
        if (failure != null) {
            return;
        }
        int length = chunk.readableBytes();
        try {
            if (file == null && size + length > threshold) {
                moveToFile();
            }
            if (file == null) {
                ensureCapacity((int) size + length);
                chunk.getBytes(chunk.readerIndex(), memory, (int) size, length);
            } else {
                chunk.getBytes(chunk.readerIndex(), fileOut, length);
            }
            size += length;
        } catch (IOException e) {
            failure = e;
            discard();
        }
    }

    private void ensureCapacity(int needed) {
        if (needed > memory.length) {
            int capacity = (int) Math.min(threshold, Math.max(needed, Math.max(INITIAL_CAPACITY, memory.length * 2L)));
            byte[] larger = new byte[capacity];
            System.arraycopy(memory, 0, larger, 0, (int) size);
            memory = larger;
        }
    }

    private void moveToFile() throws IOException {
        file = Files.createTempFile(directory, filePrefix, ".eml");
        fileOut = Files.newOutputStream(file);
        fileOut.write(memory, 0, (int) size);
        memory = null;
    }

    /** The message as received so far, for the listener; fails if the spool could not be written. */
    public MessageContent content() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (file == null) {
            return new InMemoryContent(memory, (int) size);
        }
        fileOut.close();
        return new FileContent(file, size);
    }

    /** Releases the memory and deletes the file, if any. Idempotent. */
    public void discard() {
        memory = null;
        if (file == null) {
            return;
        }
        try {
            fileOut.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot delete spool file " + file, e);
        }
        file = null;
    }

    private record FileContent(Path file, long size) implements MessageContent {
        @Override
        public InputStream openStream() throws IOException {
            return Files.newInputStream(file);
        }
    }
}
