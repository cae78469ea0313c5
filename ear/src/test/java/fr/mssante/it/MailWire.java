package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A line-oriented SMTP or IMAP connection over a real socket, with STARTTLS and implicit TLS, for the
 * exact replies of authentication that mail libraries hide (codes, SASL challenges).
 */
final class MailWire implements AutoCloseable {

    private Socket socket;
    private BufferedReader in;
    private OutputStream out;
    private int tag;

    private MailWire(Socket socket) throws IOException {
        attach(socket);
    }

    static MailWire plain(int port) throws IOException {
        return plain("127.0.0.1", port);
    }

    /** In clear to {@code host} (a node of the cluster test, in its network namespace). */
    static MailWire plain(String host, int port) throws IOException {
        return new MailWire(new Socket(host, port));
    }

    /** In clear from a given loopback address, for tests in which the platform must see a known client. */
    static MailWire plainFrom(String localAddress, int port) throws IOException {
        return new MailWire(socketFrom(localAddress, port));
    }

    /** Implicit TLS from a given loopback address: the handshake happens before the greeting. */
    static MailWire tlsFrom(String localAddress, int port, SSLContext context) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(socketFrom(localAddress, port),
                "127.0.0.1", port, true);
        socket.startHandshake();
        return new MailWire(socket);
    }

    private static Socket socketFrom(String localAddress, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        return socket;
    }

    /** Implicit TLS (SMTPS, IMAPS): the handshake happens before the greeting. */
    static MailWire tls(int port, SSLContext context) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.startHandshake();
        return new MailWire(socket);
    }

    /** IMAP on the clear port upgraded with STARTTLS (RFC 3501 6.2.1); STARTTLS is tag t1, the next command t2. */
    static MailWire imapStartTls(int port, SSLContext context) throws IOException {
        MailWire imap = plain(port);
        imap.line();
        expect(last(imap.imap("STARTTLS")), "t1 OK");
        imap.startTls(context);
        return imap;
    }

    /** SMTP submission on the clear port upgraded with STARTTLS (RFC 3207), EHLO said again after the handshake. */
    static MailWire submissionStartTls(int port, SSLContext context) throws IOException {
        return smtpStartTls(port, context, "client.example");
    }

    /**
     * The MX as the test peer operator (ADR 0017): STARTTLS presenting its certificate, EHLO said again after
     * the handshake; the caller sends as {@link TestPeerOperator#address}.
     */
    static MailWire mxAsPeerOperator(LocalPlatform platform) throws IOException {
        return smtpStartTls(platform.settings().smtpPort(), TestPeerOperator.tls(platform), "mx." + TestPeerOperator.DOMAIN);
    }

    /** SMTP on a clear port upgraded with STARTTLS (RFC 3207) with {@code context}, EHLO said again after the handshake. */
    static MailWire smtpStartTls(int port, SSLContext context, String heloName) throws IOException {
        return smtpStartTls("127.0.0.1", port, context, heloName);
    }

    /** The same on {@code host}. */
    static MailWire smtpStartTls(String host, int port, SSLContext context, String heloName) throws IOException {
        MailWire smtp = plain(host, port);
        smtp.line();
        smtp.smtp("EHLO " + heloName);
        expect(last(smtp.smtp("STARTTLS")), "220");
        smtp.startTls(context);
        smtp.smtp("EHLO " + heloName);
        return smtp;
    }

    private static void expect(String reply, String start) {
        if (!reply.startsWith(start)) {
            throw new AssertionError("STARTTLS refused: " + reply);
        }
    }

    /** Runs the TLS handshake on the open connection, after the server said go (RFC 3207 / RFC 3501 6.2.1). */
    void startTls(SSLContext context) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        attach(tls);
    }

    String line() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("connection closed by the server");
        }
        return line;
    }

    /** Bytes as they are (a message body during DATA, already dot-stuffed and CRLF-terminated). */
    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** An SMTP command and its complete (possibly multi-line) reply; the last line is the status. */
    List<String> smtp(String command) throws IOException {
        send(command);
        return smtpReply();
    }

    List<String> smtpReply() throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = line();
            lines.add(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return lines;
    }

    /** Sends a tagged IMAP command; returns the untagged lines and, last, the tagged completion. */
    List<String> imap(String command) throws IOException {
        String t = "t" + (++tag);
        send(t + " " + command);
        return untilTagged(t);
    }

    /** After a continuation request: the client's response line, then lines up to the completion of {@code t<n>}. */
    List<String> imapContinue(String response) throws IOException {
        send(response);
        return untilTagged("t" + tag);
    }

    private List<String> untilTagged(String t) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = line(); ; line = line()) {
            lines.add(line);
            if (line.startsWith(t + " ") || line.startsWith("+")) {
                return lines;
            }
        }
    }

    static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8);
    }

    private void attach(Socket s) throws IOException {
        socket = s;
        socket.setSoTimeout(30_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
