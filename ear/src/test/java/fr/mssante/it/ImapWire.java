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
        this("127.0.0.1", port, caCertificate);
    }

    /** The same on {@code host} (a node of the cluster test, in its network namespace). */
    ImapWire(String host, int port, Path caCertificate) throws IOException {
        Socket clear = new Socket(host, port);
        clear.setSoTimeout(30_000);
        BufferedReader clearIn = reader(clear);
        expect(clearIn.readLine(), "* OK", "greeting");
        clear.getOutputStream().write("s STARTTLS\r\n".getBytes(StandardCharsets.ISO_8859_1));
        expect(clearIn.readLine(), "s OK", "STARTTLS");
        socket = TestTls.trusting(caCertificate).getSocketFactory().createSocket(clear, host, port, true);
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

    /** Sends a command and returns every line up to and including its tagged completion, which must be OK. */
    List<String> command(String command) throws IOException {
        List<String> lines = exchange(command);
        String completion = lines.get(lines.size() - 1);
        if (!completion.startsWith("a" + tag + " OK")) {
            throw new IOException(command + " failed: " + completion);
        }
        return lines;
    }

    /** Sends a command and returns every line up to and including its tagged completion, whatever it is. */
    List<String> exchange(String command) throws IOException {
        String t = "a" + (++tag);
        send(t + " " + command);
        List<String> lines = new ArrayList<>();
        for (String line; (line = in.readLine()) != null; ) {
            lines.add(line);
            if (line.startsWith(t + " ")) {
                return lines;
            }
        }
        throw new IOException("connection closed during " + command + " after " + lines);
    }

    /**
     * The exact bytes of one message ({@code UID FETCH uid BODY.PEEK[]}): the literal of the response
     * (RFC 3501 section 4.3), read octet for octet (ISO-8859-1 maps each octet to one char).
     */
    byte[] rawMessage(long uid) throws IOException {
        return literal("UID FETCH " + uid + " BODY.PEEK[]");
    }

    /**
     * The last literal of the answer to {@code command}, a {@code {n}} literal or a {@code ~{n}} literal8
     * (RFC 3516 section 4.2), read octet for octet; the command must complete OK.
     */
    byte[] literal(String command) throws IOException {
        String t = "a" + (++tag);
        send(t + " " + command);
        byte[] literal = null;
        for (String line; (line = in.readLine()) != null; ) {
            if (line.startsWith(t + " ")) {
                if (!line.startsWith(t + " OK") || literal == null) {
                    throw new IOException(command + " failed: " + line);
                }
                return literal;
            }
            int open = line.lastIndexOf('{');
            if (line.endsWith("}") && open > 0) {
                char[] chars = new char[Integer.parseInt(line.substring(open + 1, line.length() - 1))];
                for (int read = 0; read < chars.length; ) {
                    int n = in.read(chars, read, chars.length - read);
                    if (n < 0) {
                        throw new IOException("connection closed inside the literal");
                    }
                    read += n;
                }
                literal = new String(chars).getBytes(StandardCharsets.ISO_8859_1);
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
