package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.net.ssl.SSLContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static fr.mssante.it.Identities.DEMO_APP_PASSWORD;
import static fr.mssante.it.Identities.DR_MARTIN;
import static fr.mssante.it.MailWire.base64;
import static fr.mssante.it.MailWire.last;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ADR 0023 with a real load balancer: Debian's HAProxy in TCP mode, {@code send-proxy-v2}, in front of the
 * platform's submission, IMAP and IMAPS ports, relaying from {@link LocalPlatform#TEST_PROXY_SOURCE} (the
 * only address the test platform trusts). The client connects to HAProxy from {@value #CLIENT}, an address
 * no other test uses, and the platform must name that client wherever it names one: the EHLO reply, the
 * Received header of the delivered message, the audit trail's authentication events. Without the PROXY
 * protocol all three would say 127.0.0.5.
 */
@ExtendWith(PlatformExtension.class)
class ProxyProtocolIT {

    private static final String CLIENT = "127.0.0.2";
    /** Another untrusted client, which forges a header. */
    private static final String FORGER = "127.0.0.3";
    private static final Duration AUDIT_WAIT = Duration.ofSeconds(15);

    private static HaProxy haProxy;

    private final LocalPlatform platform;
    private final SSLContext tls;

    ProxyProtocolIT(LocalPlatform platform) throws IOException {
        this.platform = platform;
        this.tls = TestTls.trusting(platform.caCertificate());
    }

    @BeforeAll
    static void startHaProxy() throws Exception {
        LocalPlatform platform = PlatformSession.platform();
        // Health checks as production would run them: HAProxy sends them with a LOCAL header.
        haProxy = HaProxy.inFrontOf(Map.of(
                        "submission", new HaProxy.Backend(platform.settings().submissionPort(),
                                "option smtpchk EHLO haproxy.check"),
                        "imap", new HaProxy.Backend(platform.settings().imapPort(),
                                "option tcp-check", "tcp-check expect rstring ^\\*\\ OK"),
                        "imaps", new HaProxy.Backend(platform.settings().imapsPort())),
                Path.of("target", "haproxy-" + UUID.randomUUID().toString().substring(0, 8)));
    }

    @AfterAll
    static void stopHaProxy() throws InterruptedException {
        if (haProxy != null) {
            haProxy.close();
        }
    }

    @Test
    void through_haproxy_submission_names_the_real_client_in_ehlo_received_and_audit() throws Exception {
        long authenticationsBefore = authentications("submission:" + CLIENT);
        String subject = "Behind HAProxy " + UUID.randomUUID();
        try (MailWire smtp = MailWire.plainFrom(CLIENT, haProxy.port("submission"))) {
            assertThat(smtp.line()).startsWith("220 ");
            smtp.smtp("EHLO client.example");
            assertThat(last(smtp.smtp("STARTTLS"))).startsWith("220");
            smtp.startTls(tls);
            assertThat(smtp.smtp("EHLO client.example").get(0)).endsWith("[" + CLIENT + "]");
            assertThat(last(smtp.smtp("AUTH PLAIN " + base64("\0" + DR_MARTIN + "\0" + DEMO_APP_PASSWORD))))
                    .startsWith("235 2.7.0");
            assertThat(last(smtp.smtp("MAIL FROM:<" + DR_MARTIN + ">"))).startsWith("250");
            assertThat(last(smtp.smtp("RCPT TO:<" + DR_MARTIN + ">"))).startsWith("250");
            assertThat(last(smtp.smtp("DATA"))).startsWith("354");
            assertThat(last(smtp.smtp("From: <" + DR_MARTIN + ">\r\nTo: <" + DR_MARTIN + ">\r\nSubject: " + subject
                    + "\r\n\r\nBonjour.\r\n."))).startsWith("250");
        }

        // Read back through HAProxy's implicit TLS frontend: the header precedes the TLS handshake.
        String received = receivedHeaderOf(subject);
        assertThat(received).contains("Received: from client.example ([" + CLIENT + "])");
        assertThat(awaitAuthentications("submission:" + CLIENT, authenticationsBefore + 1))
                .isEqualTo(authenticationsBefore + 1);
    }

    @Test
    void through_haproxy_imap_authentication_is_audited_with_the_real_client() throws Exception {
        long before = authentications("imap:" + CLIENT);
        try (MailWire imap = MailWire.plainFrom(CLIENT, haProxy.port("imap"))) {
            assertThat(imap.line()).startsWith("* OK");
            assertThat(last(imap.imap("STARTTLS"))).startsWith("t1 OK");
            imap.startTls(tls);
            assertThat(last(imap.imap("LOGIN " + DR_MARTIN + " " + DEMO_APP_PASSWORD))).startsWith("t2 OK");
        }
        assertThat(awaitAuthentications("imap:" + CLIENT, before + 1)).isEqualTo(before + 1);
        assertThat(authentications("imap:" + LocalPlatform.TEST_PROXY_SOURCE)).as("never the balancer").isZero();
    }

    /**
     * HAProxy's checks connect from the trusted address with a LOCAL header (the balancer's own connection):
     * the platform greets them as the balancer itself and answers, so the checks pass (L7OK). Were LOCAL
     * refused, the connection would be closed before the greeting and the service marked down.
     */
    @Test
    void haproxy_health_checks_with_a_local_header_find_the_services_up() throws Exception {
        assertThat(haProxy.awaitCheckStatus("submission", "L7OK", Duration.ofSeconds(15))).isEqualTo("L7OK");
        assertThat(haProxy.awaitCheckStatus("imap", "L7OK", Duration.ofSeconds(15))).isEqualTo("L7OK");
    }

    @Test
    void a_direct_connection_from_the_trusted_address_without_a_header_is_closed() throws Exception {
        // Talking first: SMTP commands are not a PROXY header, refused at the first octet.
        try (Socket smtp = socketFrom(LocalPlatform.TEST_PROXY_SOURCE, platform.settings().submissionPort())) {
            smtp.getOutputStream().write("EHLO client.example\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readUntilClosed(smtp)).as("no greeting, no reply").isEmpty();
        }
        // Waiting for the greeting: none comes, and the connection is closed after the header's time limit.
        try (Socket imap = socketFrom(LocalPlatform.TEST_PROXY_SOURCE, platform.settings().imapPort())) {
            Instant start = Instant.now();
            assertThat(readUntilClosed(imap)).isEmpty();
            assertThat(Duration.between(start, Instant.now())).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(15));
        }
        assertThat(Files.readString(platform.server().serverLog()))
                .contains("Connection from trusted proxy /" + LocalPlatform.TEST_PROXY_SOURCE)
                .contains("closed: no PROXY protocol v2 signature")
                .contains("closed: no complete PROXY protocol header within 5000 ms");
    }

    @Test
    void a_forged_header_from_an_untrusted_address_is_not_believed() throws Exception {
        try (MailWire smtp = MailWire.plainFrom(FORGER, platform.settings().submissionPort())) {
            // The server speaks first, as to any client: nothing was waiting for a header.
            assertThat(smtp.line()).startsWith("220 ");
            smtp.sendRaw(forgedHeader("192.0.2.66", platform.settings().submissionPort()));
            smtp.send("");
            smtp.send("EHLO forger.example");
            String line;
            do {
                line = smtp.line();
            } while (!line.startsWith("250"));
            assertThat(line).endsWith("[" + FORGER + "]").doesNotContain("192.0.2.66");
        }
    }

    /** The Received field of the message with {@code subject} in dr.martin's INBOX, read over IMAPS via HAProxy. */
    private String receivedHeaderOf(String subject) throws Exception {
        try (MailWire imap = MailWire.tlsFrom(CLIENT, haProxy.port("imaps"), tls)) {
            assertThat(imap.line()).startsWith("* OK");
            assertThat(last(imap.imap("LOGIN " + DR_MARTIN + " " + DEMO_APP_PASSWORD))).startsWith("t1 OK");
            assertThat(last(imap.imap("SELECT INBOX"))).startsWith("t2 OK");
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                List<String> search = imap.imap("UID SEARCH SUBJECT \"" + subject + "\"");
                String uids = search.stream().filter(l -> l.startsWith("* SEARCH")).findFirst().orElse("* SEARCH")
                        .substring("* SEARCH".length()).strip();
                if (!uids.isEmpty()) {
                    return String.join("\n", imap.imap("UID FETCH " + uids.split(" ")[0]
                            + " BODY.PEEK[HEADER.FIELDS (RECEIVED)]"));
                }
                imap.imap("NOOP");
                Thread.sleep(300);
            }
            throw new AssertionError("'" + subject + "' did not reach " + DR_MARTIN);
        }
    }

    private long authentications(String actor) throws SQLException {
        try (Connection db = platform.database().connect();
             PreparedStatement q = db.prepareStatement(
                     "SELECT count(*) FROM audit_event WHERE action = 'AUTH_SUCCEEDED' AND actor = ?")) {
            q.setString(1, actor);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The audit is written after the reply: waits for {@code expected} events, returns the last count. */
    private long awaitAuthentications(String actor, long expected) throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(AUDIT_WAIT);
        long count = authentications(actor);
        while (count < expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            count = authentications(actor);
        }
        return count;
    }

    private static Socket socketFrom(String localAddress, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(20_000);
        return socket;
    }

    /** Everything the server sends until it closes the connection (a read timeout fails the test). */
    private static String readUntilClosed(Socket socket) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        try {
            for (int b = in.read(); b >= 0; b = in.read()) {
                got.write(b);
            }
        } catch (SocketException reset) {
            // Closed with unread input: a reset is a close too.
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * A PROXY protocol v2 header (haproxy's doc/proxy-protocol.txt, section 2.2) claiming {@code source}:
     * signature, v2 PROXY, TCP over IPv4, 12 octets of addresses and ports.
     */
    private static byte[] forgedHeader(String source, int destinationPort) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A, 0x21, 0x11, 0, 12});
        out.writeBytes(InetAddress.getByName(source).getAddress());
        out.writeBytes(new byte[]{127, 0, 0, 1});
        out.writeBytes(new byte[]{(byte) 0xC3, 0x50, (byte) (destinationPort >> 8), (byte) destinationPort});
        return out.toByteArray();
    }
}
