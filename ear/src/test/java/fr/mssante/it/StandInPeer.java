package fr.mssante.it;

import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Another MSSanté operator's MX, standing in for a second platform: listens on the loopback port the test
 * platform relays {@code peer.mssante-test.fr} to, offers STARTTLS with an operator certificate of the dev CA
 * (the subject the dev whitelist declares), requires the relay's client certificate from the same CA, and
 * records every message it accepts. Replies to RCPT can be scripted per address, one per attempt.
 */
final class StandInPeer implements AutoCloseable {

    /** One accepted transaction: envelope, the client's certificate subject, the data with the stuffing removed. */
    record Received(String mailFrom, List<String> recipients, String clientSubject, byte[] data) {
    }

    private final int port;
    private final SSLContext tls;
    private volatile ServerSocket server;
    private final Map<String, Deque<String>> scriptedRcpt = new ConcurrentHashMap<>();
    /** Open sessions, closed with the listener when the operator goes down. */
    private final Set<Socket> sessions = ConcurrentHashMap.newKeySet();
    final List<Received> received = new CopyOnWriteArrayList<>();
    final List<String> rcptSeen = new CopyOnWriteArrayList<>();

    StandInPeer(int port, Path certificatePem, Path keyPem, Path caPem) throws Exception {
        this.port = port;
        this.tls = context(certificatePem, keyPem, caPem);
        start();
    }

    /** Listens (again) on the port. */
    synchronized void start() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = socket;
        Thread acceptor = new Thread(() -> accept(socket), "stand-in-peer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The operator goes down: connections are refused, and the open ones (the relay keeps idle ones) cut. */
    synchronized void stop() throws IOException {
        server.close();
        for (Socket session : sessions) {
            session.close();
        }
    }

    /** The next RCPT TO for {@code address} gets these replies, one per attempt, then 250. */
    void script(String address, String... replies) {
        scriptedRcpt.put(address, new ConcurrentLinkedDeque<>(List.of(replies)));
    }

    List<Received> receivedFor(String address) {
        return received.stream().filter(r -> r.recipients().contains(address)).toList();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                sessions.add(connection);
                Thread session = new Thread(() -> serve(connection), "stand-in-peer-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket plain) {
        Socket socket = plain;
        try {
            socket.setSoTimeout(120_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            reply(out, "220 mx.peer.mssante-test.fr ESMTP stand-in");
            String clientSubject = null;
            String mailFrom = null;
            List<String> recipients = new ArrayList<>();
            for (String line = readLine(in); line != null; line = readLine(in)) {
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("EHLO")) {
                    reply(out, clientSubject == null
                            ? "250-mx.peer.mssante-test.fr\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-SIZE 10485760\r\n250 STARTTLS"
                            : "250-mx.peer.mssante-test.fr\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-SIZE 10485760\r\n250 ENHANCEDSTATUSCODES");
                } else if (upper.equals("STARTTLS") && clientSubject == null) {
                    reply(out, "220 2.0.0 go ahead");
                    SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
                    secure.setUseClientMode(false);
                    secure.setNeedClientAuth(true);
                    secure.startHandshake();
                    clientSubject = ((X509Certificate) secure.getSession().getPeerCertificates()[0])
                            .getSubjectX500Principal().getName();
                    socket = secure;
                    in = new BufferedInputStream(secure.getInputStream());
                    out = secure.getOutputStream();
                } else if (clientSubject == null) {
                    reply(out, "530 5.7.0 STARTTLS first");
                } else if (upper.startsWith("MAIL FROM:")) {
                    mailFrom = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                    recipients.clear();
                    reply(out, "250 2.1.0 ok");
                } else if (upper.startsWith("RCPT TO:")) {
                    String address = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                    rcptSeen.add(address);
                    Deque<String> scripted = scriptedRcpt.get(address);
                    String answer = scripted == null || scripted.isEmpty() ? "250 2.1.5 ok" : scripted.poll();
                    if (answer.startsWith("250")) {
                        recipients.add(address);
                    }
                    reply(out, answer);
                } else if (upper.equals("DATA")) {
                    reply(out, "354 go on");
                    received.add(new Received(mailFrom, List.copyOf(recipients), clientSubject, readData(in)));
                    reply(out, "250 2.0.0 queued");
                } else if (upper.equals("RSET") || upper.equals("NOOP")) {
                    recipients.clear();
                    reply(out, "250 2.0.0 ok");
                } else if (upper.equals("QUIT")) {
                    reply(out, "221 2.0.0 bye");
                    return;
                } else {
                    reply(out, "502 5.5.2 not here");
                }
            }
        } catch (IOException e) {
            // the relay went away or its certificate was refused: nothing accepted
        } finally {
            sessions.remove(plain);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return null;
    }

    /** The data up to the ".CRLF" line, with the leading dot of stuffed lines removed (RFC 5321 section 4.5.2). */
    private static byte[] readData(InputStream in) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            line.write(b);
            if (b == '\n') {
                byte[] l = line.toByteArray();
                if (l.length == 3 && l[0] == '.' && l[1] == '\r') {
                    return data.toByteArray();
                }
                int from = l.length > 0 && l[0] == '.' ? 1 : 0;
                data.write(l, from, l.length - from);
                line.reset();
            }
        }
        throw new IOException("connection closed in DATA");
    }

    private static SSLContext context(Path certificatePem, Path keyPem, Path caPem) throws Exception {
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        List<Certificate> chain;
        try (InputStream in = Files.newInputStream(certificatePem)) {
            chain = new ArrayList<>(x509.generateCertificates(in));
        }
        PrivateKey key;
        try (Reader reader = Files.newBufferedReader(keyPem); PEMParser parser = new PEMParser(reader)) {
            Object item = parser.readObject();
            key = item instanceof PEMKeyPair pair ? new JcaPEMKeyConverter().getKeyPair(pair).getPrivate()
                    : new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) item);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("peer", key, new char[0], chain.toArray(Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            int i = 0;
            for (Certificate ca : x509.generateCertificates(in)) {
                trust.setCertificateEntry("ca" + i++, ca);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    /** Frees the port for the next user of the test peer's port ({@code TwoOperatorsIT}'s second operator). */
    @Override
    public void close() throws IOException {
        stop();
    }
}
