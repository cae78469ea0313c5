package fr.mssante.connector.imap;

import fr.mssante.connector.api.smtp.InMemoryContent;
import fr.mssante.connector.api.smtp.MessageContent;
import fr.mssante.connector.server.FakeAuthenticator;
import fr.mssante.connector.server.TestThreads;
import fr.mssante.connector.server.Transcript;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Plays every {@code src/test/resources/imap/*.txt} against a real {@link ImapServer} on an ephemeral
 * port, backed by a fresh {@link FakeImapStore} (script syntax: {@link Transcript}).
 *
 * <p>Settings (CONFIG): maxLiteral, maxMessageSize, maxCommandLineLength, maxConnectionsPerIp,
 * maxConnectionsPerUser, idleTimeout (milliseconds), spoolThreshold, allowPlaintextAuth (true/false),
 * quota (octets), tls (none, tls or certificate: what every connection pretends TLS established, see
 * {@link FakeAuthenticator#transport}). Directives:
 * <pre>
 * DELIVER: user folder     a message arrives in a folder through the store (as from SMTP), which
 *                          notifies the change bus; "alice" and "bob" name the test users
 * SLEEP: ms                waits
 * ASSERT-SPOOL-EMPTY       no APPEND spool file is left
 * </pre>
 */
class ImapTranscriptTest {

    @RegisterExtension
    static final TestThreads THREADS = new TestThreads(4);

    @TempDir
    Path spoolDirectory;

    static List<Transcript> transcripts() throws IOException, URISyntaxException {
        return Transcript.all(Path.of(ImapTranscriptTest.class.getResource("/imap").toURI()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void play(Transcript transcript) throws Exception {
        FakeImapStore store = new FakeImapStore();
        String tls = transcript.config().getOrDefault("tls", "none");
        var invoker = ImapServer.invoker(THREADS.workers(), 4, call -> call.apply(store));
        ImapServer server = new ImapServer(configure(transcript, store), THREADS.eventLoops(), invoker, invoker,
                session -> FakeAuthenticator.pretendTls(tls, session::tlsStarted));
        server.start();
        try {
            transcript.play(server.localAddress(), (name, argument, where) -> directive(store, name, argument, where));
        } finally {
            assertThat(server.stop(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(TestThreads.files(spoolDirectory)).as("spool files left behind").isEmpty();
    }

    private ImapServerConfig configure(Transcript transcript, FakeImapStore store) {
        ImapServerConfig.Builder builder = ImapTestConfigs.builder(spoolDirectory);
        for (Map.Entry<String, String> setting : transcript.config().entrySet()) {
            String value = setting.getValue();
            switch (setting.getKey()) {
                case "maxLiteral" -> builder.maxLiteral(Long.parseLong(value));
                case "maxMessageSize" -> builder.maxMessageSize(Long.parseLong(value));
                case "maxCommandLineLength" -> builder.maxCommandLineLength(Integer.parseInt(value));
                case "maxConnectionsPerIp" -> builder.maxConnectionsPerIp(Integer.parseInt(value));
                case "maxConnectionsPerUser" -> builder.maxConnectionsPerUser(Integer.parseInt(value));
                case "idleTimeout" -> builder.idleTimeout(Duration.ofMillis(Long.parseLong(value)));
                case "spoolThreshold" -> builder.spoolThreshold(Long.parseLong(value));
                case "allowPlaintextAuth" -> builder.allowPlaintextAuth(Boolean.parseBoolean(value));
                case "quota" -> store.quotaLimit = Long.parseLong(value);
                case "tls" -> { } // read by play()
                default -> fail(transcript + ": unknown setting " + setting.getKey());
            }
        }
        return builder.build();
    }

    private void directive(FakeImapStore store, String name, String argument, String where) throws IOException {
        switch (name) {
            case "DELIVER" -> {
                String[] words = argument.split(" ");
                String user = words[0].equals("alice") ? FakeImapStore.ALICE : FakeImapStore.BOB;
                store.append(user, words[1], List.of(), OffsetDateTime.parse("2025-02-01T08:00:00Z"),
                        content("From: Labo <labo@labo.example.fr>\r\nSubject: Nouveau\r\n\r\nArrived.\r\n"));
            }
            case "SLEEP" -> {
                try {
                    Thread.sleep(Long.parseLong(argument));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            case "ASSERT-SPOOL-EMPTY" -> assertThat(TestThreads.files(spoolDirectory)).as(where).isEmpty();
            default -> fail(where + ": unknown directive");
        }
    }

    static MessageContent content(String text) {
        return new InMemoryContent(text.getBytes(StandardCharsets.UTF_8));
    }
}
