package fr.mssante.it;

import fr.mssante.devstack.DevCertificates;
import fr.mssante.devstack.DevWhitelist;
import fr.mssante.devstack.LocalPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import static fr.mssante.it.Identities.DEMO_APP_PASSWORD;
import static fr.mssante.it.Identities.DR_MARTIN;
import static fr.mssante.it.MailWire.base64;
import static fr.mssante.it.MailWire.last;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 3030 (CHUNKING, BINARYMIME) and RFC 6531 (SMTPUTF8) on the MX of the deployed EAR, over real sockets as the
 * test peer operator (ADR 0017), read back over IMAP by the recipient; and what the relay does with such messages
 * for a peer that has neither extension (ADR 0030), the stand-in peer operator of {@link RelayIT}.
 */
@ExtendWith(PlatformExtension.class)
class ChunkingAndSmtpUtf8IT {

    private static final String DOMAIN = "hopital-demo.mssante.fr";
    /** The professional owning the mailboxes these tests create. */

    private static StandInPeer peer;

    private final LocalPlatform platform;
    private final ImapAccounts accounts;

    /** A peer operator on the port the platform relays {@code peer.mssante-test.fr} to, without SMTPUTF8 or CHUNKING. */
    @BeforeAll
    static void peerWithoutTheExtensions() throws Exception {
        LocalPlatform platform = PlatformSession.platform();
        DevCertificates.OperatorFiles operator = platform.devCertificates().issueOperator(DevWhitelist.TEST_PEER_DN,
                "eai-it-peer", platform.settings().workDir().resolve("eai-it"));
        peer = new StandInPeer(LocalPlatform.testRelayPeerPort(platform.settings()), operator.certificate(),
                operator.privateKey(), platform.caCertificate());
    }

    @AfterAll
    static void stopPeer() throws Exception {
        if (peer != null) {
            peer.close();
        }
    }

    ChunkingAndSmtpUtf8IT(LocalPlatform platform) {
        this.platform = platform;
        this.accounts = new ImapAccounts(platform);
    }

    /**
     * A binary message (every octet value but NUL, bare CR and LF, a 5000-octet line) in two pipelined BDAT chunks
     * with BODY=BINARYMIME: 250 for the first chunk, the queue id after the last, and the recipient reads over
     * IMAP exactly the bytes sent, behind our Received header.
     */
    @Test
    void a_binary_message_sent_in_chunks_is_read_back_byte_identical_over_imap() throws Exception {
        MailUser user = newMailboxWithPassword();
        String token = "bdat-" + UUID.randomUUID();
        byte[] message = binaryMessage(token);
        int split = 1234;

        try (MailWire mx = MailWire.mxAsPeerOperator(platform)) {
            assertThat(last(mx.smtp("MAIL FROM:<" + TestPeerOperator.address("imagerie") + "> BODY=BINARYMIME")))
                    .startsWith("250 ");
            assertThat(last(mx.smtp("RCPT TO:<" + user.address() + ">"))).startsWith("250 ");
            ByteArrayOutputStream pipelined = new ByteArrayOutputStream();
            pipelined.writeBytes(("BDAT " + split + "\r\n").getBytes(StandardCharsets.US_ASCII));
            pipelined.write(message, 0, split);
            pipelined.writeBytes(("BDAT " + (message.length - split) + " LAST\r\n").getBytes(StandardCharsets.US_ASCII));
            pipelined.write(message, split, message.length - split);
            mx.sendRaw(pipelined.toByteArray());

            assertThat(last(mx.smtpReply())).isEqualTo("250 2.0.0 " + split + " octets received");
            assertThat(last(mx.smtpReply())).matches("250 2\\.0\\.0 Ok: queued as [0-9A-Z]{16}");
            mx.smtp("QUIT");
        }

        long uid = user.awaitSubject(token, Duration.ofSeconds(30)).get(0);
        byte[] stored = user.raw(uid);
        String trace = new String(stored, 0, stored.length - message.length, StandardCharsets.ISO_8859_1);
        assertThat(trace).startsWith("Received: from mx.peer.mssante-test.fr").contains("with ESMTPS").endsWith("\r\n");
        assertThat(Arrays.copyOfRange(stored, stored.length - message.length, stored.length))
                .as("the message as sent, octet for octet").isEqualTo(message);
    }

    /**
     * RFC 6531: a UTF-8 sender and UTF-8 header fields (RFC 6532) with SMTPUTF8, delivered; the Received header
     * says UTF8SMTPS (section 4.3). Without the parameter, a non-ASCII address is refused with 553 5.6.7
     * (section 3.5); hosted mailboxes are ASCII (ADR 0014), so a UTF-8 local part here is an unknown mailbox.
     */
    @Test
    void an_internationalised_sender_and_utf8_headers_are_delivered_with_smtputf8() throws Exception {
        MailUser user = newMailboxWithPassword();
        String token = "utf8-" + UUID.randomUUID();
        String sender = TestPeerOperator.address("secr\u00e9tariat.m\u00e9dical");
        byte[] message = ("From: Secr\u00e9tariat m\u00e9dical <" + sender + ">\r\n"
                + "To: <" + user.address() + ">\r\n"
                + "Subject: \u00c9chographie r\u00e9nale " + token + "\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Compte rendu de l'\u00e9chographie.\r\n").getBytes(StandardCharsets.UTF_8);

        try (MailWire mx = MailWire.mxAsPeerOperator(platform)) {
            assertThat(last(mx.smtp("MAIL FROM:<" + sender + ">"))).startsWith("553 5.6.7 ");
            assertThat(last(mx.smtp("MAIL FROM:<" + sender + "> SMTPUTF8 BODY=8BITMIME"))).startsWith("250 ");
            assertThat(last(mx.smtp("RCPT TO:<m\u00e9decin@" + DOMAIN + ">"))).startsWith("550 5.1.1 ");
            assertThat(last(mx.smtp("RCPT TO:<" + user.address() + ">"))).startsWith("250 ");
            assertThat(last(mx.smtp("DATA"))).startsWith("354");
            mx.sendRaw(message);
            assertThat(last(mx.smtp("."))).matches("250 2\\.0\\.0 Ok: queued as [0-9A-Z]{16}");
            assertThat(last(mx.smtp("MAIL FROM:<" + TestPeerOperator.address("a") + ">"))).startsWith("250 ");
            assertThat(last(mx.smtp("RCPT TO:<m\u00e9decin@" + DOMAIN + ">"))).startsWith("553 5.6.7 ");
            mx.smtp("QUIT");
        }

        long uid = user.awaitSubject(token, Duration.ofSeconds(30)).get(0);
        byte[] stored = user.raw(uid);
        String text = new String(stored, StandardCharsets.UTF_8);
        assertThat(text).contains("with UTF8SMTPS").endsWith(new String(message, StandardCharsets.UTF_8));
    }

    /**
     * The relay never sends a message to a peer that cannot take it as it is: an internationalised message (UTF-8
     * header, RFC 6531 section 3.2) to a peer without SMTPUTF8 fails with 5.6.7, a binary one (RFC 3030 section 3)
     * to a peer without CHUNKING and BINARYMIME with 5.6.3; the sender gets a failure notice for each, and the
     * peer gets neither.
     */
    @Test
    void the_relay_fails_with_a_notice_what_the_peer_cannot_take_unchanged() throws Exception {
        MailUser drMartin = new MailUser(DR_MARTIN, DEMO_APP_PASSWORD, platform.settings().submissionPort(),
                platform.settings().imapPort(), platform.caCertificate());
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String international = "eai-" + tag + "@" + DevWhitelist.TEST_PEER_DOMAIN;
        String binary = "binary-" + tag + "@" + DevWhitelist.TEST_PEER_DOMAIN;

        try (MailWire submission = MailWire.submissionStartTls(platform.settings().submissionPort(),
                TestTls.trusting(platform.caCertificate()))) {
            assertThat(last(submission.smtp("AUTH PLAIN " + base64("\0" + DR_MARTIN + "\0" + DEMO_APP_PASSWORD))))
                    .startsWith("235");
            assertThat(last(submission.smtp("MAIL FROM:<" + DR_MARTIN + "> SMTPUTF8 BODY=8BITMIME"))).startsWith("250 ");
            assertThat(last(submission.smtp("RCPT TO:<" + international + ">"))).startsWith("250 ");
            assertThat(last(submission.smtp("DATA"))).startsWith("354");
            submission.sendRaw(("From: <" + DR_MARTIN + ">\r\nTo: <" + international + ">\r\nSubject: \u00c9chographie "
                    + tag + "\r\n\r\nCompte rendu.\r\n").getBytes(StandardCharsets.UTF_8));
            assertThat(last(submission.smtp("."))).startsWith("250 ");

            byte[] content = binaryMessage("relay " + tag);
            assertThat(last(submission.smtp("MAIL FROM:<" + DR_MARTIN + "> BODY=BINARYMIME"))).startsWith("250 ");
            assertThat(last(submission.smtp("RCPT TO:<" + binary + ">"))).startsWith("250 ");
            submission.sendRaw(("BDAT " + content.length + " LAST\r\n").getBytes(StandardCharsets.US_ASCII));
            submission.sendRaw(content);
            assertThat(last(submission.smtpReply())).startsWith("250 ");
            submission.smtp("QUIT");
        }

        assertThat(awaitFailureNotice(drMartin, international)).contains("Action: failed").contains("Status: 5.6.7");
        assertThat(awaitFailureNotice(drMartin, binary)).contains("Action: failed").contains("Status: 5.6.3");
        assertThat(peer.receivedFor(international)).isEmpty();
        assertThat(peer.receivedFor(binary)).isEmpty();
    }

    private static String awaitFailureNotice(MailUser sender, String recipient) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        do {
            for (long uid : sender.uidsWithSubject("Undelivered Mail")) {
                String raw = new String(sender.raw(uid), StandardCharsets.UTF_8);
                if (raw.contains("Final-Recipient: rfc822;" + recipient)) {
                    return raw;
                }
            }
            Thread.sleep(1000);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("no failure notice about " + recipient + " within 90 s");
    }

    /** Octets 1 to 255 over and over, bare CR and LF, and one line far beyond 998 octets: only BDAT carries it. */
    private static byte[] binaryMessage(String token) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("Subject: binary " + token + "\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        // NUL is left out: an IMAP4rev1 literal cannot carry it (RFC 3501 section 9, CHAR8); BINARY is RFC 3516.
        for (int round = 0; round < 20; round++) {
            for (int octet = 1; octet < 256; octet++) {
                out.write(octet);
            }
        }
        out.writeBytes("bare\nLF and bare\rCR\r\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes("y".repeat(5000).getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** A fresh mailbox of a test professional, with an app password created in self-service. */
    private MailUser newMailboxWithPassword() throws Exception {
        String[] account = accounts.newMailboxWithPassword();
        return new MailUser(account[0], account[1], platform.settings().submissionPort(),
                platform.settings().imapPort(), platform.caCertificate());
    }
}
