package fr.mssante.ejb.relay.smtp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The DATA transparency procedure of RFC 5321 section 4.5.2: a line that starts with '.' gets one more
 * '.' in front; every other byte goes out as it is, so the peer's copy is byte-identical to ours once it
 * removes the stuffing. {@link #finish()} ends the data with CRLF.CRLF (adding the CRLF the content lacks,
 * if any: section 4.1.1.4).
 *
 * <p>Lines end with CRLF (section 2.3.8); a bare LF does not start a line here, as it does not for a strict
 * receiver. Content accepted over SMTP only has CRLF line endings.
 */
final class DotStuffingOutputStream extends FilterOutputStream {

    /** 0: inside a line; 1: after CR; 2: at the start of a line (the beginning counts as one). */
    private int state = 2;

    DotStuffingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (state == 2 && b == '.') {
            out.write('.');
        }
        out.write(b);
        if (b == '\r') {
            state = 1;
        } else if (b == '\n' && state == 1) {
            state = 2;
        } else {
            state = 0;
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        // Copy runs without a possible line start in one call; only a '.' at a line start needs care.
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (state == 2 && c == '.') {
                out.write(b, start, i - start);
                out.write('.');
                start = i;
            }
            if (c == '\r') {
                state = 1;
            } else if (c == '\n' && state == 1) {
                state = 2;
            } else {
                state = 0;
            }
        }
        out.write(b, start, end - start);
    }

    /** Writes the end-of-data indication; does not close the underlying stream. */
    void finish() throws IOException {
        if (state != 2) {
            out.write(state == 1 ? new byte[] {'\n'} : new byte[] {'\r', '\n'});
        }
        out.write(new byte[] {'.', '\r', '\n'});
        out.flush();
    }

    @Override
    public void close() {
        // the connection outlives the message
    }
}
