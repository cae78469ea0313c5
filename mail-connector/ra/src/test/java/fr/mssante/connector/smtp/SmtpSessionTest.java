package fr.mssante.connector.smtp;

import fr.mssante.connector.api.metrics.MailMetrics;
import fr.mssante.connector.api.metrics.MailMetricsSink;
import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.SmtpEnvelope;
import fr.mssante.connector.api.smtp.SmtpSessionInfo;
import fr.mssante.connector.sasl.SaslMechanisms;
import fr.mssante.connector.server.MessageSpool;
import fr.mssante.connector.server.SessionIds;
import fr.mssante.connector.smtp.SessionStep.AwaitListener;
import fr.mssante.connector.smtp.SessionStep.Next;
import fr.mssante.connector.smtp.SessionStep.Respond;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The state machine alone; listener calls run synchronously through a real {@link BoundedListenerInvoker}. */
class SmtpSessionTest {

    private static final String HOSTED = "@" + FakeSmtpListener.HOSTED_DOMAIN;

    @TempDir
    Path spoolDirectory;

    private final FakeSmtpListener listener = new FakeSmtpListener();

    @Test
    void greetsWithoutEnhancedCode() {
        assertThat(newSession().greeting().toString()).isEqualTo("220 " + TestConfigs.HOSTNAME + " ESMTP MSSante");
    }

    @Test
    void ehloListsTheExtensionsWithoutEnhancedCode() {
        Respond reply = run(newSession(), "EHLO client.example");
        assertThat(reply.reply().code()).isEqualTo(250);
        assertThat(reply.reply().enhancedStatus()).isNull();
        assertThat(reply.reply().lines()).containsExactly(
                TestConfigs.HOSTNAME + " Hello client.example [192.0.2.7]",
                "SIZE 26214400", "PIPELINING", "8BITMIME", "DSN", "CHUNKING", "BINARYMIME", "SMTPUTF8",
                "ENHANCEDSTATUSCODES", "HELP");
    }

    @Test
    void heloIsASingleLine() {
        assertThat(run(newSession(), "HELO client").reply().lines()).hasSize(1);
    }

    @Test
    void deliversToAcceptedRecipientsOnlyThenResetsTheTransaction() {
        SmtpSession session = newSession();
        assertCode(session, "EHLO client.example", 250);
        assertCode(session, "MAIL FROM:<sender@example.fr> BODY=8BITMIME SIZE=100", 250);
        assertCode(session, "RCPT TO:<alice" + HOSTED + ">", 250);
        assertCode(session, "RCPT TO:<unknown" + HOSTED + ">", 550);
        assertCode(session, "RCPT TO:<bob@elsewhere.fr>", 550);
        assertCode(session, "RCPT TO:<Alice" + HOSTED + ">", 250);
        assertCode(session, "RCPT TO:<alice" + HOSTED + ">", 250);
        Respond data = run(session, "DATA");
        assertThat(data.reply().code()).isEqualTo(354);
        assertThat(data.next()).isEqualTo(Next.READ_DATA);

        Respond end = resolve(session.onEndOfData(null, spoolOf("Subject: hi\r\n\r\nbody\r\n")));
        assertThat(end.reply().toString()).isEqualTo("250 2.0.0 queued as Q1");

        SmtpEnvelope envelope = listener.deliveries.get(0).envelope();
        assertThat(envelope.reversePath()).contains(new MailAddress("sender", "example.fr"));
        assertThat(envelope.recipients()).as("accepted ones, a duplicate once")
                .containsExactly(new MailAddress("alice", FakeSmtpListener.HOSTED_DOMAIN),
                        new MailAddress("Alice", FakeSmtpListener.HOSTED_DOMAIN));
        assertThat(envelope.bodyType()).isEqualTo("8BITMIME");
        assertThat(envelope.declaredSize()).isEqualTo(100);
        SmtpSessionInfo info = envelope.session();
        assertThat(info.sessionId()).hasSize(12);
        assertThat(info).extracting(SmtpSessionInfo::clientAddress, SmtpSessionInfo::heloName,
                SmtpSessionInfo::service, SmtpSessionInfo::tls)
                .containsExactly("192.0.2.7", "client.example", "mx", false);
        assertThat(new String(listener.deliveries.get(0).content(), StandardCharsets.US_ASCII))
                .isEqualTo("Subject: hi\r\n\r\nbody\r\n");

        assertCode(session, "RCPT TO:<alice" + HOSTED + ">", 503);
    }

    @Test
    void checkRecipientSeesTheRecipientsAcceptedSoFar() {
        SmtpSession session = inTransaction();
        assertCode(session, "RCPT TO:<a" + HOSTED + ">", 250);
        assertCode(session, "RCPT TO:<b" + HOSTED + ">", 250);
        assertThat(listener.checkedRecipients).hasSize(2);
    }

    @Test
    void nullSenderIsAllowed() {
        SmtpSession session = newSession();
        assertCode(session, "EHLO c", 250);
        assertCode(session, "MAIL FROM:<>", 250);
        assertCode(session, "RCPT TO:<a" + HOSTED + ">", 250);
        run(session, "DATA");
        resolve(session.onEndOfData(null, spoolOf("x\r\n")));
        assertThat(listener.deliveries.get(0).envelope().reversePath()).isEqualTo(Optional.empty());
    }

    @Test
    void commandsOutOfSequence() {
        SmtpSession session = newSession();
        assertReply(session, "MAIL FROM:<a@b.fr>", "503 5.5.1");
        assertReply(session, "RCPT TO:<a" + HOSTED + ">", "503 5.5.1");
        assertReply(session, "DATA", "503 5.5.1");
        assertCode(session, "EHLO c", 250);
        assertCode(session, "MAIL FROM:<a@b.fr>", 250);
        assertReply(session, "MAIL FROM:<a@b.fr>", "503 5.5.1");
        assertReply(session, "DATA", "554 5.5.1");
        assertCode(session, "RCPT TO:<unknown" + HOSTED + ">", 550);
        assertReply(session, "DATA", "554 5.5.1");
    }

    @Test
    void rsetAndEhloEndTheTransaction() {
        SmtpSession session = inTransaction();
        assertReply(session, "RSET", "250 2.0.0");
        assertReply(session, "RCPT TO:<a" + HOSTED + ">", "503 5.5.1");
        assertCode(session, "MAIL FROM:<a@b.fr>", 250);
        assertCode(session, "EHLO again", 250);
        assertReply(session, "RCPT TO:<a" + HOSTED + ">", "503 5.5.1");
    }

    @Test
    void declaredSizeOverTheLimitIsRefusedAtMail() {
        SmtpSession session = newSession();
        assertCode(session, "EHLO c", 250);
        assertReply(session, "MAIL FROM:<a@b.fr> SIZE=26214401", "552 5.3.4");
        assertCode(session, "MAIL FROM:<a@b.fr> SIZE=26214400", 250);
    }

    @Test
    void recipientsBeyondTheLimitGet452() {
        SmtpSession session = new SmtpSession(TestConfigs.builder(spoolDirectory).maxRecipients(2).build(),
                new SmtpExtensions(TestConfigs.builder(spoolDirectory).build()), SaslMechanisms.defaults(), invoker(), "S1",
                "192.0.2.7");
        assertCode(session, "EHLO c", 250);
        assertCode(session, "MAIL FROM:<a@b.fr>", 250);
        assertCode(session, "RCPT TO:<a" + HOSTED + ">", 250);
        assertCode(session, "RCPT TO:<b" + HOSTED + ">", 250);
        assertReply(session, "RCPT TO:<c" + HOSTED + ">", "452 4.5.3");
        assertThat(listener.checkedRecipients).hasSize(2);
    }

    @Test
    void listenerFailureOnRcptIs451AndAddsNothing() {
        SmtpSession session = inTransaction();
        assertReply(session, "RCPT TO:<db-down" + HOSTED + ">", "451 4.3.0");
        assertReply(session, "DATA", "554 5.5.1");
    }

    @Test
    void deliverFailureIs451AndEndsTheTransaction() {
        SmtpSession session = inTransaction();
        assertCode(session, "RCPT TO:<deliver-fails" + HOSTED + ">", 250);
        run(session, "DATA");
        assertThat(resolve(session.onEndOfData(null, spoolOf("x\r\n"))).reply().toString()).startsWith("451 4.3.0");
        assertReply(session, "RCPT TO:<a" + HOSTED + ">", "503 5.5.1");
        assertThat(listener.deliveries).isEmpty();
    }

    @Test
    void condemnedMessagesAreRefusedWithoutCallingTheListener() {
        assertThat(endOfDataWith(FramingViolation.BARE_LF)).startsWith("550 5.5.2");
        assertThat(endOfDataWith(FramingViolation.BARE_CR)).startsWith("550 5.5.2");
        assertThat(endOfDataWith(FramingViolation.LINE_TOO_LONG)).startsWith("554 5.6.0");
        assertThat(endOfDataWith(FramingViolation.MESSAGE_TOO_LARGE)).startsWith("552 5.3.4");
        assertThat(listener.deliveries).isEmpty();
    }

    @Test
    void everyEndOfDataIsReportedWithItsOutcomeAndEnhancedCode() {
        List<String> reported = new ArrayList<>();
        MailMetrics recorder = new MailMetrics() {
            @Override
            public void smtpTransactionEnded(String service, String outcome, String reason) {
                reported.add(service + " " + outcome + " " + reason);
            }
        };
        MailMetricsSink.install(recorder);
        try {
            SmtpSession delivered = inTransaction();
            assertCode(delivered, "RCPT TO:<a" + HOSTED + ">", 250);
            run(delivered, "DATA");
            resolve(delivered.onEndOfData(null, spoolOf("x\r\n")));
            SmtpSession failed = inTransaction();
            assertCode(failed, "RCPT TO:<deliver-fails" + HOSTED + ">", 250);
            run(failed, "DATA");
            resolve(failed.onEndOfData(null, spoolOf("x\r\n")));
            endOfDataWith(FramingViolation.MESSAGE_TOO_LARGE);
        } finally {
            MailMetricsSink.uninstall(recorder);
        }
        assertThat(reported).containsExactly("mx accepted 2.0.0", "mx deferred 4.3.0", "mx rejected 5.3.4");
    }

    @Test
    void rejectedCommandLinesSayWhy() {
        SmtpSession session = newSession();
        assertThat(reply(session.onRejectedLine(FramingViolation.BARE_LF))).startsWith("500 5.5.2 Bare LF");
        assertThat(reply(session.onRejectedLine(FramingViolation.BARE_CR))).startsWith("500 5.5.2 Bare CR");
        assertThat(reply(session.onRejectedLine(FramingViolation.LINE_TOO_LONG))).startsWith("500 5.5.2 Line too long");
    }

    @Test
    void tenConsecutiveErrorsCloseTheSession() {
        SmtpSession session = newSession();
        for (int i = 0; i < 9; i++) {
            assertCode(session, "BOGUS", 500);
        }
        assertCode(session, "NOOP", 250);
        for (int i = 0; i < 9; i++) {
            assertCode(session, i % 2 == 0 ? "MAIL FROM:<a@b.fr>" : "RSET now", i % 2 == 0 ? 503 : 501);
        }
        Respond last = resolve(session.onRejectedLine(FramingViolation.BARE_LF));
        assertThat(last.reply().toString()).startsWith("421 4.7.0");
        assertThat(last.next()).isEqualTo(Next.CLOSE);
    }

    @Test
    void quitCloses() {
        Respond quit = run(newSession(), "QUIT");
        assertThat(quit.reply().toString()).isEqualTo("221 2.0.0 " + TestConfigs.HOSTNAME + " closing connection");
        assertThat(quit.next()).isEqualTo(Next.CLOSE);
    }

    @Test
    void informationalCommands() {
        SmtpSession session = newSession();
        assertReply(session, "NOOP", "250 2.0.0");
        assertReply(session, "VRFY alice", "252 2.5.0");
        assertReply(session, "EXPN staff", "502 5.5.1");
        assertReply(session, "HELP", "214 2.0.0");
    }

    private String endOfDataWith(FramingViolation violation) {
        SmtpSession session = inTransaction();
        assertCode(session, "RCPT TO:<a" + HOSTED + ">", 250);
        run(session, "DATA");
        String reply = reply(session.onEndOfData(violation, spoolOf("whatever\r\n")));
        assertReply(session, "RCPT TO:<a" + HOSTED + ">", "503 5.5.1");
        return reply;
    }

    private SmtpSession inTransaction() {
        SmtpSession session = newSession();
        assertCode(session, "EHLO client", 250);
        assertCode(session, "MAIL FROM:<a@b.fr>", 250);
        return session;
    }

    private SmtpSession newSession() {
        SmtpServerConfig config = TestConfigs.builder(spoolDirectory).build();
        return new SmtpSession(config, new SmtpExtensions(config), SaslMechanisms.defaults(), invoker(), SessionIds.next(),
                "192.0.2.7");
    }

    private ListenerInvoker invoker() {
        return new BoundedListenerInvoker(Runnable::run, 4, call -> call.apply(listener));
    }

    private MessageSpool spoolOf(String content) {
        MessageSpool spool = new MessageSpool(1000, spoolDirectory, "t-");
        var chunk = Unpooled.copiedBuffer(content, StandardCharsets.US_ASCII);
        spool.write(chunk);
        chunk.release();
        return spool;
    }

    private static Respond run(SmtpSession session, String line) {
        return resolve(session.onCommandLine(line));
    }

    private static Respond resolve(SessionStep step) {
        if (step instanceof AwaitListener await) {
            return resolve(await.then().apply(await.reply().toCompletableFuture().join()));
        }
        if (step instanceof SessionStep.Delayed delayed) {
            return delayed.respond();
        }
        return (Respond) step;
    }

    private static String reply(SessionStep step) {
        return resolve(step).reply().toString();
    }

    private static void assertCode(SmtpSession session, String line, int code) {
        assertThat(run(session, line).reply().code()).as(line).isEqualTo(code);
    }

    private static void assertReply(SmtpSession session, String line, String prefix) {
        assertThat(run(session, line).reply().toString()).as(line).startsWith(prefix + " ");
    }

    @Test
    void sessionIdsAreShortAndDistinct() {
        assertThat(List.of(SessionIds.next(), SessionIds.next(), SessionIds.next()))
                .doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[0-9A-HJKMNP-TV-Z]{12}"));
    }
}
