package fr.mssante.ejb.relay.smtp;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An SMTP server for the client tests, on a real loopback socket with STARTTLS and a required client
 * certificate: it answers as scripted and records what it got (commands, raw DATA bytes, the client's
 * certificate subject).
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket server;
    private final SSLContext tls;
    private final Thread acceptor;

    public volatile boolean offerStartTls = true;
    public volatile boolean pipelining = true;
    /** -1: SIZE not advertised. */
    public volatile long sizeLimit = -1;
    public volatile boolean eightBitMime = true;
    public volatile boolean dsn;
    public volatile boolean chunking;
    public volatile boolean binaryMime;
    public volatile boolean smtpUtf8;
    /** When > 0: after MAIL, this many more command lines are read before any reply is sent (RFC 2920 test). */
    public volatile int holdRepliesUntilRcpts;
    /** Closes the connection after the data, before the final reply (the at-least-once window). */
    public volatile boolean dropAfterData;
    public volatile String mailReply = "250 2.1.0 ok";
    /** Per RCPT address, a reply (multi-line replies as "550-a\r\n550 b"); others get 250. */
    public final Map<String, String> rcptReplies = new ConcurrentHashMap<>();
    /** The reply after the end of data, per transaction number (0-based); default 250. */
    public volatile Function<Integer, String> dataReply = n -> "250 2.0.0 queued as Q" + n;

    public final List<String> commands = new CopyOnWriteArrayList<>();
    /** Per transaction, the raw DATA (dot-stuffed) or the BDAT chunks (RFC 3030), end marker excluded. */
    public final List<byte[]> rawData = new CopyOnWriteArrayList<>();
    public final List<String> clientSubjects = new CopyOnWriteArrayList<>();
    public final List<Integer> connections = Collections.synchronizedList(new ArrayList<>());

    public ScriptedSmtpServer(SSLContext tls) throws IOException {
        this.tls = tls;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public HostAndPort address() {
        return new HostAndPort("127.0.0.1", port());
    }

    /** The DATA of transaction {@code n} with the dot-stuffing removed (RFC 5321 section 4.5.2). */
    public byte[] unstuffedData(int n) {
        byte[] raw = rawData.get(n);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean lineStart = true;
        for (int i = 0; i < raw.length; i++) {
            if (lineStart && raw[i] == '.') {
                lineStart = false;
                continue;
            }
            out.write(raw[i]);
            lineStart = raw[i] == '\n' && i > 0 && raw[i - 1] == '\r';
        }
        return out.toByteArray();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.add(socket.getPort());
                Thread t = new Thread(() -> serve(socket), "scripted-smtp-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket plain) {
        Socket socket = plain;
        try {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            reply(out, "220 peer.test ESMTP scripted");
            boolean secure = false;
            int transactions = 0;
            List<String> pendingReplies = new ArrayList<>();
            while (true) {
                String line = readLine(in);
                if (line == null) {
                    return;
                }
                commands.add(line);
                String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                if (verb.startsWith("MAIL")) {
                    verb = "MAIL";
                } else if (verb.startsWith("RCPT")) {
                    verb = "RCPT";
                }
                switch (verb) {
                    case "EHLO" -> reply(out, ehlo(secure));
                    case "STARTTLS" -> {
                        reply(out, "220 2.0.0 ready for TLS");
                        SSLSocket tlsSocket = (SSLSocket) tls.getSocketFactory().createSocket(socket, null,
                                socket.getPort(), true);
                        tlsSocket.setUseClientMode(false);
                        tlsSocket.setNeedClientAuth(true);
                        tlsSocket.startHandshake();
                        clientSubjects.add(((X509Certificate) tlsSocket.getSession().getPeerCertificates()[0])
                                .getSubjectX500Principal().getName());
                        socket = tlsSocket;
                        in = new BufferedInputStream(socket.getInputStream());
                        out = socket.getOutputStream();
                        secure = true;
                    }
                    case "MAIL" -> {
                        if (holdRepliesUntilRcpts > 0) {
                            pendingReplies.add(mailReply);
                            for (int i = 0; i < holdRepliesUntilRcpts; i++) {
                                String rcpt = readLine(in);
                                commands.add(rcpt);
                                pendingReplies.add(rcptReply(rcpt));
                            }
                            for (String r : pendingReplies) {
                                reply(out, r);
                            }
                            pendingReplies.clear();
                        } else {
                            reply(out, mailReply);
                        }
                    }
                    case "RCPT" -> reply(out, rcptReply(line));
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        rawData.add(readData(in));
                        if (dropAfterData) {
                            socket.close();
                            return;
                        }
                        reply(out, dataReply.apply(transactions++));
                    }
                    case "BDAT" -> {
                        // Only single-chunk transactions (BDAT <n> LAST), which is what the relay sends.
                        rawData.add(in.readNBytes(Integer.parseInt(line.split(" ")[1])));
                        reply(out, dataReply.apply(transactions++));
                    }
                    case "RSET", "NOOP" -> reply(out, "250 2.0.0 ok");
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 bye");
                        socket.close();
                        return;
                    }
                    default -> reply(out, "500 5.5.1 unknown command");
                }
            }
        } catch (IOException e) {
            // the client went away or TLS failed: the test looks at what was recorded
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private String ehlo(boolean secure) {
        List<String> lines = new ArrayList<>();
        lines.add("peer.test greets you");
        if (!secure && offerStartTls) {
            lines.add("STARTTLS");
        }
        if (pipelining) {
            lines.add("PIPELINING");
        }
        if (sizeLimit >= 0) {
            lines.add(sizeLimit == 0 ? "SIZE" : "SIZE " + sizeLimit);
        }
        if (eightBitMime) {
            lines.add("8BITMIME");
        }
        if (dsn) {
            lines.add("DSN");
        }
        if (chunking) {
            lines.add("CHUNKING");
        }
        if (binaryMime) {
            lines.add("BINARYMIME");
        }
        if (smtpUtf8) {
            lines.add("SMTPUTF8");
        }
        lines.add("ENHANCEDSTATUSCODES");
        StringBuilder reply = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            reply.append("250").append(i == lines.size() - 1 ? ' ' : '-').append(lines.get(i));
            if (i < lines.size() - 1) {
                reply.append("\r\n");
            }
        }
        return reply.toString();
    }

    private String rcptReply(String line) {
        int start = line.indexOf('<');
        int end = line.indexOf('>');
        String address = line.substring(start + 1, end);
        return rcptReplies.getOrDefault(address, "250 2.1.5 ok");
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return null;
    }

    /** Raw bytes up to (not including) the terminating ".CRLF" line. */
    private static byte[] readData(InputStream in) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                byte[] l = line.toByteArray();
                if (l.length == 3 && l[0] == '.' && l[1] == '\r') {
                    return data.toByteArray();
                }
                data.write(l);
                line.reset();
            }
        }
        throw new IOException("connection closed in DATA");
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
