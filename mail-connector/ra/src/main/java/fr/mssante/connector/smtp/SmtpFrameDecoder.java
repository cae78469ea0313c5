package fr.mssante.connector.smtp;

import fr.mssante.connector.server.PausingDecoder;
import io.netty.buffer.ByteBuf;

/**
 * Turns the byte stream into {@link SmtpFrame}s and message content chunks, <em>one decision at a
 * time</em> ({@link PausingDecoder}): after each command line, and after the end of data, the decoder
 * pauses and keeps the following bytes buffered until the session tells it how to read them
 * ({@link #readCommands()} or {@link #readData()}).
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

    private boolean dataMode;

    SmtpFrameDecoder(int maxCommandLineLength, int maxDataLineLength, long maxMessageSize) {
        this.commandScanner = new CommandLineScanner(maxCommandLineLength);
        this.dataScanner = new DataScanner(maxDataLineLength, maxMessageSize);
    }

    /** Decodes what follows as command lines, starting with anything already buffered. */
    void readCommands() {
        dataMode = false;
        resumeDecoding();
    }

    /** Decodes what follows as message data, up to and including the terminator. */
    void readData() {
        dataMode = true;
        resumeDecoding();
    }

    @Override
    protected void decode(ByteBuf buffer) {
        if (dataMode) {
            decodeData(buffer);
        } else if (scan(buffer, commandScanner)) {
            emitAndPause(commandScanner.takeLine());
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
            dataMode = false;
            emitAndPause(new SmtpFrame.EndOfData(dataScanner.finish()));
        }
    }
}
