package fr.mssante.ejb.relay.smtp;

import fr.mssante.ejb.relay.RelayTls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.security.auth.x500.X500Principal;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The relay's SMTP client against a scripted server over real loopback sockets with STARTTLS and mutual TLS. */
class SmtpClientConnectionTest {

    private static final String PEER_DN = "CN=mx.peer.mssante-test.fr,O=MSSante dev,C=FR";
    private static final SmtpTimeouts FAST = new SmtpTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
    private static final PeerVerifier EXPECTED_PEER = leaf ->
            leaf.getSubjectX500Principal().equals(new X500Principal(PEER_DN)) ? null
                    : "subject " + leaf.getSubjectX500Principal() + " is not the one declared";

    @TempDir
    static Path files;

    private static TestPki pki;
    private static ClientTls clientTls;
    private static TestPki.Issued peerCertificate;

    private ScriptedSmtpServer server;

    @BeforeAll
    static void pki() throws Exception {
        pki = new TestPki("CN=Relay test CA,O=MSSante dev,C=FR");
        peerCertificate = pki.issueServer(PEER_DN);
        Path[] ours = pki.issueClient("CN=relay.operator-a.test,O=MSSante dev,C=FR").writePem(files, "client");
        clientTls = RelayTls.load(ours[0], "mssante.relay.certificate", ours[1], "mssante.relay.private-key",
                pki.writeCa(files, "ca"), "mssante.relay.peer-trust");
    }

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedSmtpServer(peerCertificate.serverContext(pki.ca()));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private SmtpClientConnection open() throws SmtpFailure {
        return SmtpClientConnection.open(server.address(), "relay.operator-a.test", clientTls, FAST, EXPECTED_PEER);
    }

    private static OutboundMessage message(String body, String... recipients) {
        return message("dr.martin@hopital-demo.mssante.fr", body.getBytes(StandardCharsets.UTF_8), recipients);
    }

    private static OutboundMessage message(String sender, byte[] content, String... recipients) {
        return OutboundMessage.of(sender,
                List.of(recipients).stream().map(r -> new OutboundRecipient(r, null, null)).toList(), null, null, content);
    }

    @Test
    void sendsOverMutualTlsAndTheBodyArrivesByteForByteWithDotStuffing() throws Exception {
        String body = "Subject: test\r\n\r\n.starts with a dot\r\n..two dots\r\nmid.dle\r\n.\r\nend\r\n";
        try (SmtpClientConnection connection = open()) {
            TransactionResult result = connection.send(message(body, "someone@peer.mssante-test.fr"));

            assertThat(result.perRecipient().get("someone@peer.mssante-test.fr").code()).isEqualTo(250);
        }
        assertThat(server.clientSubjects).containsExactly("CN=relay.operator-a.test,O=MSSante dev,C=FR");
        assertThat(new String(server.rawData.get(0), StandardCharsets.UTF_8))
                .isEqualTo("Subject: test\r\n\r\n..starts with a dot\r\n...two dots\r\nmid.dle\r\n..\r\nend\r\n");
        assertThat(server.unstuffedData(0)).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void contentWithoutFinalCrlfGetsOneBeforeTheEndOfData() throws Exception {
        try (SmtpClientConnection connection = open()) {
            connection.send(message("Subject: x\r\n\r\nno newline", "a@peer.mssante-test.fr"));
        }
        assertThat(new String(server.rawData.get(0), StandardCharsets.UTF_8)).isEqualTo("Subject: x\r\n\r\nno newline\r\n");
    }

    @Test
    void pipelinesMailAndEveryRcptBeforeReadingAReply() throws Exception {
        // The server answers MAIL only after it has read both RCPTs: a client waiting for the MAIL reply
        // first would time out here.
        server.holdRepliesUntilRcpts = 2;
        try (SmtpClientConnection connection = open()) {
            TransactionResult result = connection.send(message("Subject: p\r\n\r\nx\r\n",
                    "one@peer.mssante-test.fr", "two@peer.mssante-test.fr"));

            assertThat(result.perRecipient().values()).extracting(PeerReply::code).containsExactly(250, 250);
        }
        assertThat(server.commands).containsSubsequence("MAIL FROM:<dr.martin@hopital-demo.mssante.fr>",
                "RCPT TO:<one@peer.mssante-test.fr>", "RCPT TO:<two@peer.mssante-test.fr>", "DATA");
    }

    @Test
    void withoutPipeliningWaitsForEachReply() throws Exception {
        server.pipelining = false;
        try (SmtpClientConnection connection = open()) {
            TransactionResult result = connection.send(message("Subject: p\r\n\r\nx\r\n", "one@peer.mssante-test.fr"));
            assertThat(result.perRecipient().get("one@peer.mssante-test.fr").code()).isEqualTo(250);
        }
    }

    @Test
    void eachRecipientGetsItsOwnReplyAndOnlyAcceptedOnesTheDataReply() throws Exception {
        server.rcptReplies.put("gone@peer.mssante-test.fr", "550-5.1.1 no such user\r\n550 5.1.1 try another one");
        server.rcptReplies.put("busy@peer.mssante-test.fr", "450 4.2.1 mailbox busy");
        server.dataReply = n -> "250-2.0.0 accepted\r\n250 2.0.0 queued as ABC";
        try (SmtpClientConnection connection = open()) {
            TransactionResult result = connection.send(message("Subject: m\r\n\r\nx\r\n",
                    "ok@peer.mssante-test.fr", "gone@peer.mssante-test.fr", "busy@peer.mssante-test.fr"));

            Map<String, PeerReply> replies = result.perRecipient();
            assertThat(replies.get("ok@peer.mssante-test.fr").code()).isEqualTo(250);
            assertThat(replies.get("ok@peer.mssante-test.fr").lines()).containsExactly("2.0.0 accepted", "2.0.0 queued as ABC");
            assertThat(replies.get("gone@peer.mssante-test.fr").code()).isEqualTo(550);
            assertThat(replies.get("gone@peer.mssante-test.fr").enhancedStatus()).isEqualTo("5.1.1");
            assertThat(replies.get("gone@peer.mssante-test.fr").lines()).hasSize(2);
            assertThat(replies.get("busy@peer.mssante-test.fr").isTransient()).isTrue();
            assertThat(result.remoteMta()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void noRecipientAcceptedMeansNoDataAndAReset() throws Exception {
        server.rcptReplies.put("gone@peer.mssante-test.fr", "550 5.1.1 no such user");
        try (SmtpClientConnection connection = open()) {
            TransactionResult result = connection.send(message("Subject: m\r\n\r\nx\r\n", "gone@peer.mssante-test.fr"));
            assertThat(result.perRecipient().get("gone@peer.mssante-test.fr").code()).isEqualTo(550);
            // the connection is reusable for the next transaction
            connection.send(message("Subject: n\r\n\r\ny\r\n", "ok@peer.mssante-test.fr"));
        }
        assertThat(server.commands).containsSubsequence("RCPT TO:<gone@peer.mssante-test.fr>", "RSET",
                "MAIL FROM:<dr.martin@hopital-demo.mssante.fr>", "RCPT TO:<ok@peer.mssante-test.fr>", "DATA");
        assertThat(server.commands.stream().filter("DATA"::equals)).hasSize(1);
    }

    @Test
    void mailFromRefusedFailsTheWholeTransaction() throws Exception {
        server.mailReply = "553 5.7.1 sender refused";
        try (SmtpClientConnection connection = open()) {
            assertThatThrownBy(() -> connection.send(message("Subject: m\r\n\r\nx\r\n", "a@peer.mssante-test.fr")))
                    .isInstanceOfSatisfying(SmtpFailure.class, f -> {
                        assertThat(f.permanent()).isTrue();
                        assertThat(f.status()).isEqualTo("5.7.1");
                    });
        }
        assertThat(server.commands).doesNotContain("DATA");
    }

    @Test
    void withoutStartTlsNothingIsSentInClear() {
        server.offerStartTls = false;

        assertThatThrownBy(this::open).isInstanceOfSatisfying(SmtpFailure.class, f -> {
            assertThat(f.permanent()).isFalse();
            assertThat(f.getMessage()).contains("does not offer STARTTLS");
        });
        assertThat(server.commands).noneMatch(c -> c.startsWith("MAIL"));
    }

    @Test
    void aPeerWhoseSubjectIsNotTheDeclaredOneGetsNothing() throws Exception {
        server.close();
        server = new ScriptedSmtpServer(pki.issueServer("CN=mx.other-operator.fr,O=Other,C=FR").serverContext(pki.ca()));

        assertThatThrownBy(this::open).isInstanceOfSatisfying(SmtpFailure.class, f -> {
            assertThat(f.permanent()).isFalse();
            assertThat(f.getMessage()).contains("CN=mx.other-operator.fr");
        });
        assertThat(server.commands).noneMatch(c -> c.startsWith("MAIL"));
    }

    @Test
    void aPeerChainFromAnotherCaFailsTheHandshake() throws Exception {
        server.close();
        TestPki other = new TestPki("CN=Unknown CA,C=FR");
        server = new ScriptedSmtpServer(other.issueServer(PEER_DN).serverContext(pki.ca()));

        assertThatThrownBy(this::open).isInstanceOfSatisfying(SmtpFailure.class, f -> {
            assertThat(f.permanent()).isFalse();
            assertThat(f.status()).isEqualTo("4.7.5");
        });
        assertThat(server.commands).noneMatch(c -> c.startsWith("MAIL"));
    }

    @Test
    void aMessageLargerThanThePeersSizeIsRefusedBeforeMail() throws Exception {
        server.sizeLimit = 20;
        try (SmtpClientConnection connection = open()) {
            assertThatThrownBy(() -> connection.send(message("Subject: big\r\n\r\n0123456789\r\n", "a@peer.mssante-test.fr")))
                    .isInstanceOfSatisfying(SmtpFailure.class, f -> {
                        assertThat(f.permanent()).isTrue();
                        assertThat(f.status()).isEqualTo("5.3.4");
                    });
        }
        assertThat(server.commands).noneMatch(c -> c.startsWith("MAIL"));
    }

    @Test
    void sizeIsDeclaredToAPeerThatOffersIt() throws Exception {
        server.sizeLimit = 0;
        try (SmtpClientConnection connection = open()) {
            connection.send(message("Subject: s\r\n\r\nx\r\n", "a@peer.mssante-test.fr"));
        }
        assertThat(server.commands).contains("MAIL FROM:<dr.martin@hopital-demo.mssante.fr> SIZE=17");
    }

    @Test
    void eightBitContentGoesAsEightBitMimeAndNeverToASevenBitPeer() throws Exception {
        String body = "Subject: accents\r\n\r\nDocteur Hélène\r\n";
        try (SmtpClientConnection connection = open()) {
            connection.send(message(body, "a@peer.mssante-test.fr"));
        }
        assertThat(server.commands).anyMatch(c -> c.startsWith("MAIL FROM:") && c.endsWith(" BODY=8BITMIME"));
        assertThat(server.unstuffedData(0)).isEqualTo(body.getBytes(StandardCharsets.UTF_8));

        server.eightBitMime = false;
        try (SmtpClientConnection connection = open()) {
            assertThatThrownBy(() -> connection.send(message(body, "a@peer.mssante-test.fr")))
                    .isInstanceOfSatisfying(SmtpFailure.class, f -> assertThat(f.status()).isEqualTo("5.6.3"));
        }
    }

    /**
     * RFC 3030 section 3: binary content (bare LF and CR, NUL, a line of 2000 octets) goes as BODY=BINARYMIME in
     * one BDAT chunk, byte-identical, and never to a peer without CHUNKING and BINARYMIME (5.6.3, no re-encoding).
     */
    @Test
    void binaryContentGoesByBdatAndNeverToAPeerWithoutBinaryMime() throws Exception {
        byte[] body = ("Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n"
                + "a\nb\rc\u0000\r\n.\r\n" + "x".repeat(2000)).getBytes(StandardCharsets.ISO_8859_1);
        server.chunking = true;
        server.binaryMime = true;
        try (SmtpClientConnection connection = open()) {
            TransactionResult result = connection.send(message("dr.martin@hopital-demo.mssante.fr", body,
                    "a@peer.mssante-test.fr"));
            assertThat(result.perRecipient().get("a@peer.mssante-test.fr").code()).isEqualTo(250);
        }
        assertThat(server.commands).contains("MAIL FROM:<dr.martin@hopital-demo.mssante.fr> BODY=BINARYMIME",
                "BDAT " + body.length + " LAST");
        assertThat(server.commands).doesNotContain("DATA");
        assertThat(server.rawData.get(0)).isEqualTo(body);

        server.binaryMime = false;
        try (SmtpClientConnection connection = open()) {
            assertThatThrownBy(() -> connection.send(message("dr.martin@hopital-demo.mssante.fr", body,
                    "a@peer.mssante-test.fr")))
                    .isInstanceOfSatisfying(SmtpFailure.class, f -> {
                        assertThat(f.permanent()).isTrue();
                        assertThat(f.status()).isEqualTo("5.6.3");
                    });
        }
        assertThat(server.rawData).hasSize(1);
    }

    /** Text keeps DATA even when the peer offers CHUNKING: every peer takes it, and nothing is gained by BDAT. */
    @Test
    void textContentKeepsDataWhenThePeerOffersChunking() throws Exception {
        server.chunking = true;
        server.binaryMime = true;
        try (SmtpClientConnection connection = open()) {
            connection.send(message("Subject: t\r\n\r\ntext\r\n", "a@peer.mssante-test.fr"));
        }
        assertThat(server.commands).contains("DATA").noneMatch(c -> c.startsWith("BDAT"));
    }

    /**
     * RFC 6531 section 3.2: an internationalised message (UTF-8 address or UTF-8 header) goes with SMTPUTF8 to a
     * peer that offers it, and never to one that does not: a permanent 5.6.7 failure before MAIL.
     */
    @Test
    void internationalisedMessagesNeedAPeerWithSmtpUtf8() throws Exception {
        byte[] asciiBody = "Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] utf8Header = "Subject: \u00e9chographie\r\n\r\nx\r\n".getBytes(StandardCharsets.UTF_8);
        server.smtpUtf8 = true;
        try (SmtpClientConnection connection = open()) {
            connection.send(message("dr.martin@hopital-demo.mssante.fr", asciiBody, "m\u00e9decin@peer.mssante-test.fr"));
            connection.reset();
            connection.send(message("dr.martin@hopital-demo.mssante.fr", utf8Header, "a@peer.mssante-test.fr"));
        }
        assertThat(server.commands).contains(
                "MAIL FROM:<dr.martin@hopital-demo.mssante.fr> SMTPUTF8", "RCPT TO:<m\u00e9decin@peer.mssante-test.fr>",
                "MAIL FROM:<dr.martin@hopital-demo.mssante.fr> BODY=8BITMIME SMTPUTF8");

        server.smtpUtf8 = false;
        server.commands.clear();
        try (SmtpClientConnection connection = open()) {
            for (OutboundMessage international : List.of(
                    message("dr.martin@hopital-demo.mssante.fr", asciiBody, "m\u00e9decin@peer.mssante-test.fr"),
                    message("andr\u00e9@hopital-demo.mssante.fr", asciiBody, "a@peer.mssante-test.fr"),
                    message("dr.martin@hopital-demo.mssante.fr", utf8Header, "a@peer.mssante-test.fr"))) {
                assertThatThrownBy(() -> connection.send(international))
                        .isInstanceOfSatisfying(SmtpFailure.class, f -> {
                            assertThat(f.permanent()).isTrue();
                            assertThat(f.status()).isEqualTo("5.6.7");
                        });
            }
            // A legacy 8-bit header (not UTF-8) is not internationalised: it goes with 8BITMIME as before.
            connection.send(message("dr.martin@hopital-demo.mssante.fr",
                    "Subject: \u00e9\r\n\r\nx\r\n".getBytes(StandardCharsets.ISO_8859_1), "a@peer.mssante-test.fr"));
        }
        assertThat(server.commands).noneMatch(c -> c.startsWith("MAIL") && c.contains("SMTPUTF8"))
                .contains("MAIL FROM:<dr.martin@hopital-demo.mssante.fr> BODY=8BITMIME");
    }

    @Test
    void dsnParametersGoAlongOnlyToAPeerThatAdvertisesDsn() throws Exception {
        OutboundMessage withDsn = new OutboundMessage("dr.martin@hopital-demo.mssante.fr",
                List.of(new OutboundRecipient("a@peer.mssante-test.fr", "SUCCESS,FAILURE", "rfc822;a+b=c@peer.mssante-test.fr")),
                "HDRS", "env id+1", 3, false, () -> new ByteArrayInputStream("x\r\n".getBytes(StandardCharsets.US_ASCII)));
        try (SmtpClientConnection connection = open()) {
            TransactionResult result = connection.send(withDsn);
            assertThat(result.peerDsn()).isFalse();
        }
        assertThat(server.commands).contains("MAIL FROM:<dr.martin@hopital-demo.mssante.fr>", "RCPT TO:<a@peer.mssante-test.fr>");

        server.dsn = true;
        try (SmtpClientConnection connection = open()) {
            assertThat(connection.send(withDsn).peerDsn()).isTrue();
        }
        assertThat(server.commands).contains("MAIL FROM:<dr.martin@hopital-demo.mssante.fr> RET=HDRS ENVID=env+20id+2B1",
                "RCPT TO:<a@peer.mssante-test.fr> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;a+2Bb+3Dc@peer.mssante-test.fr");
    }

    @Test
    void theNullReversePathIsSentAsAnEmptyPath() throws Exception {
        OutboundMessage bounce = new OutboundMessage(null, List.of(new OutboundRecipient("a@peer.mssante-test.fr", null, null)),
                null, null, 3, false, () -> new ByteArrayInputStream("x\r\n".getBytes(StandardCharsets.US_ASCII)));
        try (SmtpClientConnection connection = open()) {
            connection.send(bounce);
        }
        assertThat(server.commands).contains("MAIL FROM:<>");
    }

    @Test
    void aConnectionLostBeforeTheFinalReplyIsATemporaryFailureAndBreaksTheConnection() throws Exception {
        server.dropAfterData = true;
        SmtpClientConnection connection = open();

        assertThatThrownBy(() -> connection.send(message("Subject: m\r\n\r\nx\r\n", "a@peer.mssante-test.fr")))
                .isInstanceOfSatisfying(SmtpFailure.class, f -> {
                    assertThat(f.permanent()).isFalse();
                    assertThat(f.status()).isEqualTo("4.4.2");
                });
        assertThat(connection.isBroken()).isTrue();
    }

    @Test
    void aKeptConnectionIsCheckedAgainAgainstTheTrustInForceWhenReused() throws Exception {
        try (SmtpClientConnection connection = open()) {
            assertThat(connection.stillAccepted(leaf -> null)).isTrue();
            assertThat(connection.stillAccepted(leaf -> "the whitelist now declares another operator")).isFalse();
        }
    }

    @Test
    void theNextHostIsTriedWhenOneCannotBeReached() throws Exception {
        // Port 1 (tcpmux), outside the ephemeral range: nothing listens there, and unlike a just-closed
        // ephemeral port it can be neither taken again by another test nor self-connected to (TCP simultaneous
        // open with a source port chosen equal to it).
        int closedPort = 1;
        try (SmtpClientConnection connection = SmtpClientConnection.openFirst(List.of(
                new HostAndPort("127.0.0.1", closedPort), server.address()), "relay.test", clientTls, FAST, EXPECTED_PEER)) {
            assertThat(connection.peer()).isEqualTo(server.address());
        }

        assertThatThrownBy(() -> SmtpClientConnection.openFirst(List.of(new HostAndPort("127.0.0.1", closedPort)),
                "relay.test", clientTls, FAST, EXPECTED_PEER))
                .isInstanceOfSatisfying(SmtpFailure.class, f -> assertThat(f.status()).isEqualTo("4.4.1"));
    }

    @Test
    void nobodyListeningIsATemporaryFailure() throws Exception {
        // Port 1, as above: the stand-in's own port, once closed, may be bound again at once by another test's
        // server (ports of 0 are reused) or be the source port of the connection itself (a TCP self-connect).
        int port = 1;
        assertThatThrownBy(() -> SmtpClientConnection.open(new HostAndPort("127.0.0.1", port), "relay.test", clientTls,
                FAST, EXPECTED_PEER)).isInstanceOfSatisfying(SmtpFailure.class, f -> {
                    assertThat(f.permanent()).isFalse();
                    assertThat(f.status()).isEqualTo("4.4.1");
                });
    }
}
