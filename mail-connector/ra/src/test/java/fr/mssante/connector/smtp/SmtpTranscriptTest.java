package fr.mssante.connector.smtp;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Plays every {@code src/test/resources/smtp/*.txt} against a real server on an ephemeral port. */
class SmtpTranscriptTest {

    private static EventLoopGroup eventLoops;
    private static ExecutorService workers;

    @TempDir
    Path spoolDirectory;

    @BeforeAll
    static void startThreads() {
        eventLoops = new NioEventLoopGroup(2);
        workers = Executors.newFixedThreadPool(4);
    }

    @AfterAll
    static void stopThreads() {
        eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownNow();
    }

    static List<Transcript> transcripts() throws IOException, URISyntaxException {
        return Transcript.all(Path.of(SmtpTranscriptTest.class.getResource("/smtp").toURI()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void play(Transcript transcript) throws Exception {
        FakeSmtpListener listener = new FakeSmtpListener();
        SmtpServer server = new SmtpServer(transcript.configure(TestConfigs.builder(spoolDirectory)).build(),
                eventLoops, new BoundedListenerInvoker(workers, 4, call -> call.apply(listener)));
        server.start();
        try {
            transcript.play(server.localAddress(), listener);
        } finally {
            assertThat(server.stop(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(spoolFiles()).as("spool files left behind").isEmpty();
    }

    private List<Path> spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(spoolDirectory)) {
            return files.toList();
        }
    }
}
