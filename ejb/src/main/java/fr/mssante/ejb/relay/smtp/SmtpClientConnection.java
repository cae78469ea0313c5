package fr.mssante.ejb.relay.smtp;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * One SMTP client connection to a peer MTA, on blocking JDK sockets (ADR 0018), always encrypted: EHLO,
 * then STARTTLS (RFC 3207) which is required — a peer that does not offer it, or whose TLS fails, or whose
 * certificate the {@link PeerVerifier} refuses, gets nothing and the attempt is a temporary failure — then
 * EHLO again (section 4.2: what was said in clear is forgotten). Then any number of transactions
 * ({@link #send}), each with per-recipient replies, pipelined when the peer allows it (RFC 2920).
 *
 * <p>Not thread-safe: one thread uses a connection at a time ({@link ConnectionPool}).
 */
public final class SmtpClientConnection implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SmtpClientConnection.class.getName());
    private static final byte[] CRLF = {'\r', '\n'};

    private final HostAndPort peer;
    private final SmtpTimeouts timeouts;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private ReplyReader replies;
    private Capabilities capabilities;
    private X509Certificate peerCertificate;
    private boolean broken;

    private SmtpClientConnection(HostAndPort peer, SmtpTimeouts timeouts) {
        this.peer = peer;
        this.timeouts = timeouts;
    }

    /**
     * Connects, checks the greeting, negotiates TLS and verifies the peer.
     *
     * @throws SmtpFailure always temporary: another MX, or a later attempt, may do better
     */
    public static SmtpClientConnection open(HostAndPort peer, String heloName, ClientTls tls, SmtpTimeouts timeouts,
                                            PeerVerifier verifier) throws SmtpFailure {
        SmtpClientConnection connection = new SmtpClientConnection(peer, timeouts);
        try {
            connection.connect(heloName, tls, verifier);
            return connection;
        } catch (SmtpFailure failure) {
            connection.close();
            throw failure;
        } catch (SSLException e) {
            connection.close();
            throw SmtpFailure.temporary("4.7.5", "TLS with " + peer + " failed: " + e.getMessage(), peer.host(), e);
        } catch (IOException e) {
            connection.close();
            throw SmtpFailure.temporary("4.4.1", "no usable connection to " + peer + ": " + describe(e), peer.host(), e);
        }
    }

    /**
     * Opens a connection to the first of {@code hosts} that completes the greeting, STARTTLS and the peer check,
     * in order (RFC 5321 section 5.1: the next MX when one cannot be reached or refuses).
     *
     * @throws SmtpFailure the last host's failure when none would do
     */
    public static SmtpClientConnection openFirst(List<HostAndPort> hosts, String heloName, ClientTls tls,
                                                 SmtpTimeouts timeouts, PeerVerifier verifier) throws SmtpFailure {
        SmtpFailure last = null;
        for (HostAndPort host : hosts) {
            try {
                return open(host, heloName, tls, timeouts, verifier);
            } catch (SmtpFailure failure) {
                LOG.fine(() -> host + ": " + failure.getMessage());
                last = failure;
            }
        }
        if (last == null) {
            throw new IllegalArgumentException("no host to try");
        }
        throw last;
    }

    private void connect(String heloName, ClientTls tls, PeerVerifier verifier) throws IOException, SmtpFailure {
        socket = new Socket();
        socket.connect(new InetSocketAddress(peer.host(), peer.port()), millis(timeouts.connect()));
        streams(socket);
        PeerReply greeting = read(timeouts.greeting());
        if (greeting.code() != 220) {
            // RFC 5321 section 3.1: a 554 greeting means "no service here"; another MX or later may serve.
            throw new SmtpFailure(false, greeting.isPermanent() ? "4.4.1" : greeting.statusOrGeneric(),
                    "greeting from " + peer + ": " + greeting, greeting, peer.host(), null);
        }
        Capabilities clear = ehlo(heloName);
        if (!clear.startTls()) {
            throw SmtpFailure.temporary("4.7.0", peer + " does not offer STARTTLS: not sent in clear", peer.host(), null);
        }
        PeerReply ready = command("STARTTLS", timeouts.command());
        if (ready.code() != 220) {
            throw new SmtpFailure(false, "4.7.0", "STARTTLS refused by " + peer + ": " + ready, ready, peer.host(), null);
        }
        SSLSocket secure = (SSLSocket) tls.context().getSocketFactory()
                .createSocket(socket, peer.host(), peer.port(), true);
        socket = secure;
        configure(secure, tls);
        secure.setSoTimeout(millis(timeouts.command()));
        secure.startHandshake();
        X509Certificate leaf = leaf(secure);
        peerCertificate = leaf;
        String refusal = verifier.refusal(leaf);
        if (refusal != null) {
            throw SmtpFailure.temporary("4.7.0", "peer " + peer + " refused: " + refusal, peer.host(), null);
        }
        streams(secure);
        capabilities = ehlo(heloName);
        LOG.fine(() -> "connected to " + peer + " over " + secure.getSession().getProtocol() + " "
                + secure.getSession().getCipherSuite() + " as " + leaf.getSubjectX500Principal());
    }

    private void configure(SSLSocket secure, ClientTls tls) {
        SSLParameters parameters = secure.getSSLParameters();
        parameters.setProtocols(supported(tls.protocols(), secure.getSupportedProtocols()));
        parameters.setCipherSuites(supported(tls.cipherSuites(), secure.getSupportedCipherSuites()));
        // The peer is authenticated by its chain and the subject the whitelist declares (PeerVerifier),
        // not by the MX host name, which DNS (unsigned) chose.
        parameters.setEndpointIdentificationAlgorithm(null);
        if (!peer.host().isEmpty() && Character.isLetter(peer.host().charAt(0))) {
            parameters.setServerNames(List.of(new SNIHostName(peer.host())));
        }
        secure.setSSLParameters(parameters);
    }

    private static String[] supported(List<String> wanted, String[] available) {
        List<String> availableList = List.of(available);
        return wanted.stream().filter(availableList::contains).toArray(String[]::new);
    }

    private static X509Certificate leaf(SSLSocket secure) throws SSLPeerUnverifiedException {
        return (X509Certificate) secure.getSession().getPeerCertificates()[0];
    }

    private Capabilities ehlo(String heloName) throws IOException, SmtpFailure {
        PeerReply reply = command("EHLO " + heloName, timeouts.command());
        if (reply.code() != 250) {
            // Without EHLO there is no STARTTLS: never fall back to HELO.
            throw new SmtpFailure(false, reply.isPermanent() ? "4.4.1" : reply.statusOrGeneric(),
                    "EHLO refused by " + peer + ": " + reply, reply, peer.host(), null);
        }
        return Capabilities.of(reply);
    }

    /**
     * Whether {@code verifier} still accepts the peer this connection was opened to: a connection kept for
     * reuse was verified against the trust in force then, and the whitelist may have changed since.
     */
    public boolean stillAccepted(PeerVerifier verifier) {
        return peerCertificate != null && verifier.refusal(peerCertificate) == null;
    }

    public Capabilities capabilities() {
        return capabilities;
    }

    /** The host name of the peer, for the queue and the notices (RFC 3464 Remote-MTA). */
    public String remoteMta() {
        return peer.host();
    }

    public HostAndPort peer() {
        return peer;
    }

    /** Whether a failure left the connection unusable (it is then closed). */
    public boolean isBroken() {
        return broken;
    }

    /**
     * One mail transaction with every recipient of {@code message}.
     *
     * @return each recipient's reply, when the transaction reached the recipients
     * @throws SmtpFailure when it failed for all of them: the message cannot be taken (size, 8-bit), MAIL FROM
     *                     refused, or the connection was lost (then {@link #isBroken()})
     */
    public TransactionResult send(OutboundMessage message) throws SmtpFailure {
        if (capabilities.refusesSize(message.size())) {
            throw SmtpFailure.permanent("5.3.4", "message of " + message.size() + " octets exceeds the limit of "
                    + capabilities.maxSize() + " octets declared by " + peer, peer.host());
        }
        if (message.smtpUtf8() && !capabilities.smtpUtf8()) {
            // RFC 6531 section 3.2: an internationalised message is never sent to a peer without SMTPUTF8; the
            // sender gets a failure notice with 5.6.7 (no downgrade: it would rewrite addresses and headers).
            throw SmtpFailure.permanent("5.6.7", peer + " does not support SMTPUTF8 (RFC 6531), which this message "
                    + "needs (non-ASCII address or UTF-8 header)", peer.host());
        }
        if (message.binary()) {
            if (!capabilities.acceptsBinary()) {
                // RFC 3030 section 3: binary content only to a peer with CHUNKING and BINARYMIME; re-encoding it
                // would change the body.
                throw SmtpFailure.permanent("5.6.3", peer + " does not accept binary content (no CHUNKING and "
                        + "BINARYMIME, RFC 3030)", peer.host());
            }
        } else if (message.eightBit() && !capabilities.eightBitMime()) {
            // RFC 6152 section 3: never send 8-bit data to a 7-bit peer; converting would change the body.
            throw SmtpFailure.permanent("5.6.3", peer + " does not accept 8-bit content (no 8BITMIME)", peer.host());
        }
        try {
            return transaction(message);
        } catch (IOException e) {
            close();
            throw SmtpFailure.temporary("4.4.2", "connection to " + peer + " lost: " + describe(e), peer.host(), e);
        }
    }

    private TransactionResult transaction(OutboundMessage message) throws IOException, SmtpFailure {
        boolean dsn = capabilities.dsn();
        String mail = mailCommand(message, dsn);
        List<String> rcpts = message.recipients().stream().map(r -> rcptCommand(r, dsn)).toList();
        Map<String, PeerReply> perRecipient = new LinkedHashMap<>();
        PeerReply mailReply;
        if (capabilities.pipelining()) {
            // RFC 2920 section 3.1: MAIL and the RCPTs go in one group; replies come back in order.
            write(mail);
            for (String rcpt : rcpts) {
                write(rcpt);
            }
            out.flush();
            mailReply = read(timeouts.command());
            List<PeerReply> rcptReplies = new ArrayList<>();
            for (int i = 0; i < rcpts.size(); i++) {
                rcptReplies.add(read(timeouts.command()));
            }
            if (!mailReply.isPositive()) {
                reset();
                throw SmtpFailure.refused("MAIL FROM", mailReply, peer.host());
            }
            for (int i = 0; i < rcpts.size(); i++) {
                perRecipient.put(message.recipients().get(i).address(), rcptReplies.get(i));
            }
        } else {
            mailReply = command(mail, timeouts.command());
            if (!mailReply.isPositive()) {
                reset();
                throw SmtpFailure.refused("MAIL FROM", mailReply, peer.host());
            }
            for (int i = 0; i < rcpts.size(); i++) {
                perRecipient.put(message.recipients().get(i).address(), command(rcpts.get(i), timeouts.command()));
            }
        }
        List<String> accepted = perRecipient.entrySet().stream().filter(e -> e.getValue().isPositive())
                .map(Map.Entry::getKey).toList();
        if (accepted.isEmpty()) {
            reset();
            return new TransactionResult(perRecipient, dsn, peer.host());
        }
        PeerReply finalReply;
        if (message.binary()) {
            sendChunk(message);
            finalReply = read(timeouts.dataTermination());
        } else {
            PeerReply dataReply = command("DATA", timeouts.dataInit());
            if (dataReply.code() != 354) {
                accepted.forEach(address -> perRecipient.put(address, dataReply));
                reset();
                return new TransactionResult(perRecipient, dsn, peer.host());
            }
            sendContent(message);
            finalReply = read(timeouts.dataTermination());
        }
        accepted.forEach(address -> perRecipient.put(address, finalReply));
        return new TransactionResult(perRecipient, dsn, peer.host());
    }

    private void sendContent(OutboundMessage message) throws IOException {
        // SO_TIMEOUT bounds reads only; a write blocks while the peer does not read (TCP flow control), which the
        // lease of the attempt bounds from the outside (ADR 0018).
        DotStuffingOutputStream data = new DotStuffingOutputStream(out);
        try (InputStream content = message.content().open()) {
            content.transferTo(data);
        }
        data.finish();
    }

    /**
     * RFC 3030 section 2: the whole message as one chunk, {@code BDAT <size> LAST} and exactly its octets, no
     * transparency. Used for binary content only; text keeps DATA, which every peer takes (ADR 0030).
     */
    private void sendChunk(OutboundMessage message) throws IOException {
        write("BDAT " + message.size() + " LAST");
        try (InputStream content = message.content().open()) {
            long sent = content.transferTo(out);
            if (sent != message.size()) {
                throw new IOException("content of " + sent + " octets, " + message.size() + " announced");
            }
        }
        out.flush();
    }

    private String mailCommand(OutboundMessage message, boolean dsn) {
        StringBuilder mail = new StringBuilder("MAIL FROM:<")
                .append(message.reversePath() == null ? "" : message.reversePath()).append('>');
        if (capabilities.maxSize() >= 0) {
            mail.append(" SIZE=").append(message.size()); // RFC 1870 section 6: only to a peer that offers SIZE
        }
        if (message.binary()) {
            mail.append(" BODY=BINARYMIME");
        } else if (message.eightBit()) {
            mail.append(" BODY=8BITMIME");
        }
        if (message.smtpUtf8()) {
            mail.append(" SMTPUTF8"); // RFC 6531 section 3.4
        }
        if (dsn) {
            // RFC 3461 section 5.2: a relay passes RET and ENVID on unchanged.
            if (message.ret() != null) {
                mail.append(" RET=").append(message.ret());
            }
            if (message.envid() != null) {
                mail.append(" ENVID=").append(Xtext.encode(message.envid()));
            }
        }
        return mail.toString();
    }

    private static String rcptCommand(OutboundRecipient recipient, boolean dsn) {
        StringBuilder rcpt = new StringBuilder("RCPT TO:<").append(recipient.address()).append('>');
        if (dsn) {
            // RFC 3461 section 5.2.1: NOTIFY and ORCPT passed on as received.
            if (recipient.notifyOn() != null) {
                rcpt.append(" NOTIFY=").append(recipient.notifyOn());
            }
            if (recipient.orcpt() != null) {
                int semicolon = recipient.orcpt().indexOf(';');
                rcpt.append(" ORCPT=").append(recipient.orcpt(), 0, semicolon + 1)
                        .append(Xtext.encode(recipient.orcpt().substring(semicolon + 1)));
            }
        }
        return rcpt.toString();
    }

    /**
     * RSET (RFC 5321 section 4.1.1.5): back to a clean state after an aborted transaction, and before reusing
     * an idle connection (which also tells whether the peer still listens).
     *
     * @return false when the connection is no longer usable (then closed)
     */
    public boolean reset() {
        try {
            PeerReply reply = command("RSET", timeouts.command());
            if (reply.code() == 250) {
                return true;
            }
        } catch (IOException e) {
            LOG.fine(() -> "RSET to " + peer + " failed: " + describe(e));
        }
        close();
        return false;
    }

    /** QUIT (RFC 5321 section 4.1.1.10), then close; failures are of no consequence any more. */
    public void quit() {
        if (!broken && socket != null && !socket.isClosed()) {
            try {
                command("QUIT", Duration.ofSeconds(10));
            } catch (IOException e) {
                LOG.fine(() -> "QUIT to " + peer + ": " + describe(e));
            }
        }
        close();
    }

    @Override
    public void close() {
        broken = true;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing: nothing left to do with it
            }
        }
    }

    private PeerReply command(String line, Duration timeout) throws IOException {
        write(line);
        out.flush();
        return read(timeout);
    }

    private void write(String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write(CRLF);
    }

    private PeerReply read(Duration timeout) throws IOException {
        socket.setSoTimeout(millis(timeout));
        return replies.read();
    }

    private void streams(Socket s) throws IOException {
        in = new BufferedInputStream(s.getInputStream());
        out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
        replies = new ReplyReader(in);
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }

    private static String describe(IOException e) {
        if (e instanceof SocketException || e.getMessage() == null) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return e.getMessage();
    }
}
