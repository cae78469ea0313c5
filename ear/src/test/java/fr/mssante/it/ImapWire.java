package fr.mssante.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A bare IMAP connection over a real socket, for what client libraries hide: IDLE timing and the
 * exact untagged responses two concurrent sessions receive.
 */
final class ImapWire implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private int tag;

    ImapWire(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
        String greeting = in.readLine();
        if (greeting == null || !greeting.startsWith("* OK")) {
            throw new IOException("unexpected greeting: " + greeting);
        }
    }

    /** Sends a command and returns every line up to and including its tagged completion. */
    List<String> command(String command) throws IOException {
        String t = "a" + (++tag);
        send(t + " " + command);
        List<String> lines = new ArrayList<>();
        for (String line; (line = in.readLine()) != null; ) {
            lines.add(line);
            if (line.startsWith(t + " ")) {
                if (!line.startsWith(t + " OK")) {
                    throw new IOException(command + " failed: " + line);
                }
                return lines;
            }
        }
        throw new IOException("connection closed during " + command);
    }

    void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The next line from the server (waiting at most the socket timeout). */
    String readLine() throws IOException {
        return in.readLine();
    }

    void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
