package fr.mssante.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

    /** Connects in clear, then STARTTLS (RFC 3501 section 6.2.1) trusting the platform's development CA. */
    ImapWire(int port, Path caCertificate) throws IOException {
        Socket clear = new Socket("127.0.0.1", port);
        clear.setSoTimeout(30_000);
        BufferedReader clearIn = reader(clear);
        expect(clearIn.readLine(), "* OK", "greeting");
        clear.getOutputStream().write("s STARTTLS\r\n".getBytes(StandardCharsets.ISO_8859_1));
        expect(clearIn.readLine(), "s OK", "STARTTLS");
        socket = TestTls.trusting(caCertificate).getSocketFactory().createSocket(clear, "127.0.0.1", port, true);
        in = reader(socket);
        out = socket.getOutputStream();
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
    }

    private static void expect(String line, String prefix, String what) throws IOException {
        if (line == null || !line.startsWith(prefix)) {
            throw new IOException("unexpected " + what + ": " + line);
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
