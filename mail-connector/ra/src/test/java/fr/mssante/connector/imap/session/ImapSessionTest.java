package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.imap.ImapFailure;
import fr.mssante.connector.api.imap.ImapListener;
import fr.mssante.connector.api.imap.MailboxChangeBus;
import fr.mssante.connector.imap.FakeImapStore;
import fr.mssante.connector.imap.ImapServer;
import fr.mssante.connector.imap.ImapServerConfig;
import fr.mssante.connector.sasl.SaslMechanisms;
import fr.mssante.connector.imap.protocol.ImapCommandText;
import fr.mssante.connector.imap.response.ImapResponse;
import fr.mssante.connector.imap.protocol.MailboxNames;
import fr.mssante.connector.imap.response.ImapResponseEncoder;
import fr.mssante.connector.server.ListenerInvoker;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session state machine without network: listener calls run synchronously on the fake store, the
 * connection records what is written. Sequence number bookkeeping across two sessions.
 */
class ImapSessionTest {

    private final FakeImapStore store = new FakeImapStore();
    private ImapEngine engine;
    private BiConsumer<String, String> subscriber;

    /** Records the responses as text lines, and what the session asks of its connection. */
    static final class RecordingConnection implements ImapConnection {
        final List<String> lines = new ArrayList<>();
        final List<Runnable> scheduled = new ArrayList<>();
        int reads;
        boolean closed;
        MailboxNames.Encoding names = MailboxNames.Encoding.MODIFIED_UTF7;

        @Override
        public void write(ImapResponse response) {
            ByteBuf buf = ImapResponseEncoder.encode(response, UnpooledByteBufAllocator.DEFAULT, names);
            String text = buf.toString(StandardCharsets.UTF_8);
            buf.release();
            lines.addAll(Arrays.asList(text.substring(0, text.length() - 2).split("\r\n", -1)));
        }

        @Override
        public void flush() {
        }

        @Override
        public void acceptUtf8() {
            names = MailboxNames.Encoding.UTF8;
        }

        @Override
        public void flushThen(Runnable next) {
            next.run();
        }

        @Override
        public void readNext() {
            reads++;
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public void schedule(Runnable task, Duration delay) {
            scheduled.add(task);
        }

        @Override
        public String clientAddress() {
            return "192.0.2.7";
        }

        @Override
        public boolean discardPipelined() {
            return false;
        }

        @Override
        public void startTls(ImapResponse ready, Consumer<X509Certificate> started) {
            throw new UnsupportedOperationException("no TLS in these tests");
        }

        @Override
        public void startCompression(ImapResponse ready) {
            throw new UnsupportedOperationException("no compression in these tests");
        }

        List<String> take() {
            List<String> taken = List.copyOf(lines);
            lines.clear();
            return taken;
        }
    }

    private static ImapServerConfig config() {
        return ImapServerConfig.builder().bindAddress("127.0.0.1").port(0).hostname("imap.test").maxConnections(10)
                .maxConnectionsPerIp(10).maxConnectionsPerUser(10).idleTimeout(Duration.ofMinutes(30))
                .maxCommandLineLength(8192).maxLiteral(65536).maxMessageSize(1_000_000).spoolThreshold(1000)
                .spoolDirectory(Path.of(System.getProperty("java.io.tmpdir"))).maxConsecutiveErrors(10)
                .allowPlaintextAuth(true).build();
    }

    @BeforeEach
    void start() {
        engine = new ImapEngine(config(), ImapServer.invoker(Runnable::run, 4, call -> call.apply(store)),
                SaslMechanisms.defaults());
        subscriber = engine::folderChanged;
        MailboxChangeBus.subscribe(subscriber);
    }

    @AfterEach
    void stop() {
        MailboxChangeBus.unsubscribe(subscriber);
    }

    /** A session and what it wrote. */
    private record Client(ImapSession session, RecordingConnection connection) {

        static Client of(ImapEngine engine) {
            RecordingConnection connection = new RecordingConnection();
            ImapSession session = engine.newSession(connection);
            session.start();
            connection.take();
            return new Client(session, connection);
        }

        /** Runs one command; returns the lines written meanwhile. */
        List<String> send(String line) {
            session.onCommand(ImapCommandText.of(line));
            return connection.take();
        }
    }

    private Client selected() {
        Client client = Client.of(engine);
        client.send("a LOGIN " + FakeImapStore.ALICE + " secret");
        client.send("b SELECT INBOX");
        return client;
    }

    @Test
    void noExpungeDuringFetchStoreOrSearchButAtTheNextCommandThatAllowsIt() {
        Client a = selected();
        Client b = selected();
        b.send("c STORE 1:2 +FLAGS.SILENT (\\Deleted)");
        assertThat(b.send("d EXPUNGE")).containsExactly("* 2 EXPUNGE", "* 1 EXPUNGE", "d OK EXPUNGE completed");

        assertThat(a.send("e FETCH 3 (UID)")).containsExactly("* 3 FETCH (UID 3)", "e OK FETCH completed");
        assertThat(a.send("f STORE 3 +FLAGS (\\Seen)"))
                .containsExactly("* 3 FETCH (FLAGS (\\Flagged \\Seen \\Recent))", "f OK STORE completed");
        assertThat(a.send("g SEARCH ALL")).as("3 is still message 3")
                .containsExactly("* SEARCH 3", "g OK SEARCH completed");
        assertThat(a.send("h FETCH 1:3 (UID)")).as("gone messages return nothing")
                .containsExactly("* 3 FETCH (UID 3)", "h OK FETCH completed");
        assertThat(a.send("i NOOP")).containsExactly("* 2 EXPUNGE", "* 1 EXPUNGE", "i OK NOOP completed");
        assertThat(a.send("j FETCH 1 (UID)")).containsExactly("* 1 FETCH (UID 3)", "j OK FETCH completed");
    }

    @Test
    void aUidCommandMayReportExpunges() {
        Client a = selected();
        Client b = selected();
        b.send("c STORE 1 +FLAGS.SILENT (\\Deleted)");
        b.send("d EXPUNGE");
        assertThat(a.send("e UID FETCH 2 (FLAGS)"))
                .containsExactly("* 2 FETCH (UID 2 FLAGS (\\Recent))", "* 1 EXPUNGE", "e OK UID FETCH completed");
    }

    @Test
    void eachCommandReadsTheNextOneOnlyWhenDone() {
        Client client = Client.of(engine);
        assertThat(client.connection().reads).isEqualTo(1);
        client.send("a NOOP");
        client.send("b BOGUS");
        assertThat(client.connection().reads).isEqualTo(3);
    }

    @Test
    void refusalsOfTheListenerAreNoWithTheirCodeEvenWhenWrapped() {
        ListenerInvoker<ImapListener, CallOutcome> failing = ImapServer.invoker(Runnable::run, 4, call -> {
            throw new IllegalStateException("EJBException stand-in", new ImapFailure("OVERQUOTA", "Mailbox is full"));
        });
        Client client = Client.of(new ImapEngine(config(), failing, SaslMechanisms.defaults()));
        assertThat(client.send("a LOGIN x y")).containsExactly("a NO [OVERQUOTA] Mailbox is full");
    }

    @Test
    void aSaturatedPoolIsUnavailableAndTheSessionGoesOn() {
        ImapEngine busyEngine = new ImapEngine(config(), ImapServer.invoker(task -> {
            throw new RejectedExecutionException("WorkManager full");
        }, 1, call -> call.apply(store)), SaslMechanisms.defaults());
        Client client = Client.of(busyEngine);
        assertThat(client.send("a LOGIN x y")).containsExactly("a NO [UNAVAILABLE] Server busy, try again later");
        assertThat(client.send("b NOOP")).containsExactly("b OK NOOP completed");
    }

    @Test
    void tooManyBadCommandsEndTheSession() {
        Client client = Client.of(engine);
        for (int i = 1; i < 10; i++) {
            assertThat(client.send("x" + i + " BOGUS")).containsExactly("x" + i + " BAD Unknown command BOGUS");
        }
        assertThat(client.send("x10 BOGUS")).containsExactly("x10 BAD Unknown command BOGUS", "* BYE Too many invalid commands");
        assertThat(client.connection().closed).isTrue();
    }
}
