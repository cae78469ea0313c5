package fr.mssante.connector.smtp;

import fr.mssante.connector.api.smtp.DsnParameters;
import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.RecipientDsn;
import fr.mssante.connector.api.smtp.SmtpEnvelope;
import fr.mssante.connector.server.FakeAuthenticator;
import fr.mssante.connector.server.TestThreads;
import fr.mssante.connector.server.Transcript;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Plays every {@code src/test/resources/smtp/*.txt} against a real server on an ephemeral port (script
 * syntax: {@link Transcript}). SMTP settings (CONFIG, idleTimeout in milliseconds): maxMessageSize,
 * maxRecipients, maxConnections, maxConnectionsPerIp, idleTimeout, spoolThreshold, service (mx by default,
 * or submission), allowPlaintextAuth (true/false), tls (none, tls or certificate: what every connection
 * pretends TLS established, see {@link FakeAuthenticator#transport}). SMTP directives:
 * <pre>
 * ASSERT-DELIVERED: n        messages delivered so far
 * ASSERT-CHECKED: a, b       recipients seen by checkRecipient so far, in order (empty: none)
 * ASSERT-LAST-MESSAGE: t     content of the last delivered message (Transcript escapes)
 * ASSERT-LAST-RECIPIENTS: n  recipient count of the last delivered message
 * ASSERT-LAST-USER: address  authenticated user of the last delivered message
 * ASSERT-LAST-DSN: text      RFC 3461 parameters of the last delivered message, as {@link #dsn} writes them
 * ASSERT-LAST-ENVELOPE: text envelope of the last delivered message, as {@link #envelope} writes it
 * ASSERT-VERDICTS: s, s      authentication verdicts so far (SUCCESS, REJECTED, LOCKED; empty: none)
 * </pre>
 */
class SmtpTranscriptTest {

    @RegisterExtension
    static final TestThreads THREADS = new TestThreads(4);

    @TempDir
    Path spoolDirectory;

    static List<Transcript> transcripts() throws IOException, URISyntaxException {
        return Transcript.all(Path.of(SmtpTranscriptTest.class.getResource("/smtp").toURI()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void play(Transcript transcript) throws Exception {
        FakeSmtpListener listener = new FakeSmtpListener();
        String tls = transcript.config().getOrDefault("tls", "none");
        SmtpServer server = new SmtpServer(configure(transcript, TestConfigs.builder(spoolDirectory)).build(),
                THREADS.eventLoops(), new BoundedListenerInvoker(THREADS.workers(), 4, call -> call.apply(listener)),
                session -> FakeAuthenticator.pretendTls(tls,
                        certificate -> session.tlsStarted(certificate, null, "TLSv1.3", "TLS_AES_128_GCM_SHA256")));
        server.start();
        try {
            transcript.play(server.localAddress(), (name, argument, where) -> assertion(listener, name, argument, where));
        } finally {
            assertThat(server.stop(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(TestThreads.filesLeft(spoolDirectory)).as("spool files left behind").isEmpty();
    }

    private static SmtpServerConfig.Builder configure(Transcript transcript, SmtpServerConfig.Builder builder) {
        for (Map.Entry<String, String> setting : transcript.config().entrySet()) {
            String value = setting.getValue();
            switch (setting.getKey()) {
                case "maxMessageSize" -> builder.maxMessageSize(Integer.parseInt(value));
                case "maxRecipients" -> builder.maxRecipients(Integer.parseInt(value));
                case "maxConnections" -> builder.maxConnections(Integer.parseInt(value));
                case "maxConnectionsPerIp" -> builder.maxConnectionsPerIp(Integer.parseInt(value));
                case "idleTimeout" -> builder.idleTimeout(Duration.ofMillis(Integer.parseInt(value)));
                case "spoolThreshold" -> builder.spoolThreshold(Integer.parseInt(value));
                case "service" -> builder.service(value);
                case "allowPlaintextAuth" -> builder.allowPlaintextAuth(Boolean.parseBoolean(value));
                case "tls" -> { } // read by play()
                default -> fail(transcript + ": unknown setting " + setting.getKey());
            }
        }
        return builder;
    }

    private static void assertion(FakeSmtpListener listener, String name, String argument, String where) {
        switch (name) {
            case "ASSERT-DELIVERED" -> assertThat(listener.deliveries).as(where).hasSize(Integer.parseInt(argument));
            case "ASSERT-CHECKED" -> assertThat(listener.checkedRecipients.stream().map(MailAddress::address))
                    .as(where)
                    .containsExactlyElementsOf(argument.isEmpty() ? List.of() : Arrays.asList(argument.split(" *, *")));
            case "ASSERT-LAST-MESSAGE" -> assertThat(lastDelivery(listener, where).content())
                    .as(where).isEqualTo(Transcript.bytes(argument));
            case "ASSERT-LAST-RECIPIENTS" -> assertThat(lastDelivery(listener, where).envelope().recipients())
                    .as(where).hasSize(Integer.parseInt(argument));
            case "ASSERT-LAST-USER" -> assertThat(lastDelivery(listener, where).envelope().session().authenticatedUser())
                    .as(where).isEqualTo(argument);
            case "ASSERT-LAST-DSN" -> assertThat(dsn(lastDelivery(listener, where).envelope()))
                    .as(where).isEqualTo(argument);
            case "ASSERT-LAST-ENVELOPE" -> assertThat(envelope(lastDelivery(listener, where).envelope()))
                    .as(where).isEqualTo(argument);
            case "ASSERT-VERDICTS" -> assertThat(listener.authenticator.verdicts.stream().map(Enum::name))
                    .as(where)
                    .containsExactlyElementsOf(argument.isEmpty() ? List.of() : Arrays.asList(argument.split(" *, *")));
            default -> fail(where + ": unknown directive");
        }
    }

    /**
     * {@code from=<a@b.fr> to=<c@d.fr>,<e@f.fr> body=BINARYMIME smtputf8=true}, the addresses in canonical form
     * (the script is read as UTF-8, so they may be written as they are).
     */
    private static String envelope(SmtpEnvelope envelope) {
        return "from=<" + envelope.reversePath().map(MailAddress::address).orElse("") + "> to="
                + envelope.recipients().stream().map(r -> "<" + r.address() + ">").collect(Collectors.joining(","))
                + " body=" + envelope.bodyType() + " smtputf8=" + envelope.smtpUtf8();
    }

    /**
     * {@code ret=FULL envid=id; rcpt1 notify=SUCCESS,FAILURE orcpt=rfc822;a@b.fr; rcpt2 notify=- orcpt=-}, the
     * recipients in envelope order, {@code -} for an absent parameter.
     */
    private static String dsn(SmtpEnvelope envelope) {
        DsnParameters dsn = envelope.dsn();
        StringBuilder text = new StringBuilder("ret=").append(dsn.ret().map(Enum::name).orElse("-"))
                .append(" envid=").append(dsn.envid().orElse("-"));
        for (MailAddress recipient : envelope.recipients()) {
            RecipientDsn given = dsn.recipient(recipient);
            String notify = given.notifyOn().stream().sorted().map(Enum::name).collect(Collectors.joining(","));
            text.append("; ").append(recipient.address())
                    .append(" notify=").append(notify.isEmpty() ? "-" : notify)
                    .append(" orcpt=").append(given.orcpt().orElse("-"));
        }
        return text.toString();
    }

    private static FakeSmtpListener.Delivery lastDelivery(FakeSmtpListener listener, String where) {
        assertThat(listener.deliveries).as(where).isNotEmpty();
        return listener.deliveries.get(listener.deliveries.size() - 1);
    }
}
