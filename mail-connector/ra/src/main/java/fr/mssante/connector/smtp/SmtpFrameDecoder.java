package fr.mssante.connector.smtp;

import fr.mssante.connector.server.PausingDecoder;
import io.netty.buffer.ByteBuf;

/**
 * Turns the byte stream into {@link SmtpFrame}s and message content chunks, <em>one decision at a
 * time</em> ({@link PausingDecoder}): after each command line, after the end of data and after a BDAT
 * chunk, the decoder pauses and keeps the following bytes buffered until the session tells it how to read
 * them ({@link #readCommands()}, {@link #readData()} or {@link #readChunk(long)}).
 *
 * <p>Why pause after every command rather than decode everything that arrived:
 * <ul>
 *   <li>PIPELINING (RFC 2920): a client may send MAIL, several RCPT and DATA in one packet. RCPT is
 *       checked asynchronously by the application, yet replies must come back in order, so the next
 *       command must wait for the previous reply.</li>
 *   <li>Whether the bytes after DATA are message content or commands depends on the reply to DATA
 *       (354 or an error), which only the session knows (RFC 2920 section 3.1).</li>
 *   <li>The same holds for the commands that change how the stream is read, which later versions will
 *       add: after STARTTLS, bytes pipelined in clear text must be thrown away, not decoded once TLS is
 *       up (CVE-2011-0411); the STARTTLS handling will empty this buffer instead of resuming.</li>
 * </ul>
 *
 * <p>The buffer holds at most what one read brought plus a partial line: the session switches
 * auto-read off while it waits for the application, and {@link CommandLineScanner} and
 * {@link DataScanner} keep no more than a bounded line or chunk.
 */
final class SmtpFrameDecoder extends PausingDecoder {

    private static final int CHUNK_SIZE = 8192;

    private final CommandLineScanner commandScanner;
    private final DataScanner dataScanner;

    private enum Mode { COMMANDS, DATA, CHUNK }

    private Mode mode = Mode.COMMANDS;
    /** Octets of the current BDAT chunk not passed up yet. */
    private long chunkRemaining;

    SmtpFrameDecoder(int maxCommandLineLength, int maxDataLineLength, long maxMessageSize) {
        this.commandScanner = new CommandLineScanner(maxCommandLineLength);
        this.dataScanner = new DataScanner(maxDataLineLength, maxMessageSize);
    }

    /** Decodes what follows as command lines, starting with anything already buffered. */
    void readCommands() {
        mode = Mode.COMMANDS;
        resumeDecoding();
    }

    /** Decodes what follows as message data, up to and including the terminator. */
    void readData() {
        mode = Mode.DATA;
        resumeDecoding();
    }

    /**
     * Passes the next {@code size} octets up as they are (RFC 3030 section 2: no transparency dots, no line
     * structure, any octet), then {@link SmtpFrame.EndOfChunk}. A chunk of 0 octets ends at once.
     */
    void readChunk(long size) {
        if (size == 0) {
            emitAndPause(new SmtpFrame.EndOfChunk());
            return;
        }
        mode = Mode.CHUNK;
        chunkRemaining = size;
        resumeDecoding();
    }

    @Override
    protected void decode(ByteBuf buffer) {
        switch (mode) {
            case DATA -> decodeData(buffer);
            case CHUNK -> decodeChunk(buffer);
            case COMMANDS -> {
                if (scan(buffer, commandScanner)) {
                    emitAndPause(commandScanner.takeLine());
                }
            }
        }
    }

    /**
     * Hands up a slice of what is buffered: the handler copies it to the spool (or drops it) and releases it
     * before the next read, so nothing is retained and no copy is made here.
     */
    private void decodeChunk(ByteBuf buffer) {
        int length = (int) Math.min(chunkRemaining, buffer.readableBytes());
        chunkRemaining -= length;
        emit(buffer.readRetainedSlice(length));
        if (chunkRemaining == 0) {
            mode = Mode.COMMANDS;
            emitAndPause(new SmtpFrame.EndOfChunk());
        }
    }

    private void decodeData(ByteBuf buffer) {
        ByteBuf chunk = context().alloc().buffer(Math.min(CHUNK_SIZE, buffer.readableBytes() + 1));
        scan(buffer, dataScanner.writeTo(chunk));
        if (chunk.isReadable()) {
            emit(chunk);
        } else {
            chunk.release();
        }
        if (dataScanner.ended()) {
            mode = Mode.COMMANDS;
            emitAndPause(new SmtpFrame.EndOfData(dataScanner.finish()));
        }
    }
}
