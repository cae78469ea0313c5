package fr.mssante.connector.server;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A bare line-oriented client over a real socket: what it sends is exactly what the test says. */
public class TestConnection implements Closeable {

    private static final int READ_TIMEOUT_MILLIS = 5000;

    private Socket socket;
    private InputStream in;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    public TestConnection(InetSocketAddress server) throws IOException {
        this(new Socket(server.getAddress(), server.getPort()));
    }

    /**
     * Implicit TLS: the handshake is done before the constructor returns (it fails with an SSLException).
     *
     * @param suites the only cipher suites offered; none: the context's defaults
     */
    public TestConnection(InetSocketAddress server, SSLContext tls, String... suites) throws IOException {
        this(tls.getSocketFactory().createSocket(server.getAddress(), server.getPort()));
        SSLSocket secured = (SSLSocket) socket;
        if (suites.length > 0) {
            secured.setEnabledCipherSuites(suites);
        }
        secured.startHandshake();
    }

    private TestConnection(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        in = new BufferedInputStream(socket.getInputStream());
    }

    /** After the server accepted STARTTLS: negotiates TLS on this connection; later lines go over TLS. */
    public void startTls(SSLContext tls) throws IOException {
        SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(socket,
                socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        secured.setUseClientMode(true);
        secured.startHandshake();
        socket = secured;
        in = new BufferedInputStream(secured.getInputStream());
    }

    /** The TLS session, null in clear. */
    public SSLSession tlsSession() {
        return socket instanceof SSLSocket secured ? secured.getSession() : null;
    }

    /** Adds bytes to the next write. */
    public void queue(byte[] data) {
        pending.writeBytes(data);
    }

    /** Writes everything queued in one call. */
    public void send() throws IOException {
        if (pending.size() > 0) {
            socket.getOutputStream().write(pending.toByteArray());
            socket.getOutputStream().flush();
            pending.reset();
        }
    }

    /** Sends {@code line} + CRLF at once. */
    public void sendLine(String line) throws IOException {
        queue((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        send();
    }

    /** Sends what is queued, then reads one server line (without CRLF); {@code "<connection closed>"} at EOF. */
    public String readLine() throws IOException {
        send();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                return "<connection closed>";
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        assertThat(text).as("server lines end with CRLF").endsWith("\r");
        return text.substring(0, text.length() - 1);
    }

    /** Reads exactly {@code length} octets (an IMAP literal). */
    public byte[] readBytes(int length) throws IOException {
        send();
        return in.readNBytes(length);
    }

    /** Whether the server closed the connection (EOF or reset) before sending anything more. */
    public boolean closedByServer() throws IOException {
        send();
        try {
            return in.read() < 0;
        } catch (SocketException e) {
            return true;
        }
    }

    /** Changes how long a read waits before failing. */
    public void readTimeout(int millis) throws SocketException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
