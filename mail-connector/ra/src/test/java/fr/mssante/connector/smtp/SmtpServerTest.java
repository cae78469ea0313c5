package fr.mssante.connector.smtp;

import fr.mssante.connector.api.smtp.SmtpReply;
import fr.mssante.connector.server.FakeAuthenticator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Server behaviour that a transcript cannot express: big messages, spool files, shutdown, reconnection. */
class SmtpServerTest {

    private static final String RECIPIENT = "RCPT TO:<dr.durand@hopital-demo.mssante.fr>";

    @TempDir
    Path spoolDirectory;

    private final FakeSmtpListener listener = new FakeSmtpListener();
    private EventLoopGroup eventLoops;
    private ExecutorService workers;
    private SmtpServer server;

    @BeforeEach
    void startThreads() {
        eventLoops = new NioEventLoopGroup(2);
        workers = Executors.newFixedThreadPool(4);
    }

    @AfterEach
    void stopEverything() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
        eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownNow();
    }

    @Test
    void bindsToTheConfiguredAddressOnly() throws IOException {
        start(TestConfigs.builder(spoolDirectory));
        assertThat(server.localAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    }

    /** AuthOutcome.delay: the 535 waits on the event loop's timer, and nothing pipelined is answered before it. */
    @Test
    void refusedAuthenticationIsAnsweredAfterTheListenersDelay() throws IOException {
        start(TestConfigs.builder(spoolDirectory).service("submission").allowPlaintextAuth(true));
        try (SmtpTestClient client = new SmtpTestClient(server.localAddress())) {
            client.readLine();
            assertThat(client.command("EHLO client")).startsWith("250 AUTH ");
            long start = System.nanoTime();
            // Base64 of "\0slow@hopital-demo.mssante.fr\0wrong", then a pipelined NOOP.
            client.queue("AUTH PLAIN AHNsb3dAaG9waXRhbC1kZW1vLm1zc2FudGUuZnIAd3Jvbmc=\r\nNOOP\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(client.readReply()).startsWith("535 5.7.8 ");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(FakeAuthenticator.THROTTLE);
            assertThat(client.readReply()).startsWith("250 2.0.0 ");
        }
    }

    @Test
    void largeMessageIsSpooledToDiskDeliveredIntactAndDeleted() throws IOException {
        start(TestConfigs.builder(spoolDirectory));
        List<List<Path>> spoolDuringDelivery = new ArrayList<>();
        listener.onDeliver(content -> spoolDuringDelivery.add(spoolFiles()));
        byte[] message = largeMessage(5 * 1024 * 1024);

        try (SmtpTestClient client = new SmtpTestClient(server.localAddress())) {
            openTransaction(client);
            assertThat(client.command("DATA")).startsWith("354 ");
            client.queue(dotStuffed(message));
            client.queue(".\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.readReply()).isEqualTo("250 2.0.0 queued as Q1");
        }

        assertThat(listener.deliveries.get(0).content()).isEqualTo(message);
        assertThat(spoolDuringDelivery.get(0)).as("spooled to a file").hasSize(1);
        assertThat(spoolFiles()).as("deleted after deliver").isEmpty();
    }

    @Test
    void spoolIsDeletedWhenTheClientDisconnectsDuringData() throws Exception {
        start(TestConfigs.builder(spoolDirectory).spoolThreshold(0));
        try (SmtpTestClient client = new SmtpTestClient(server.localAddress())) {
            openTransaction(client);
            assertThat(client.command("DATA")).startsWith("354 ");
            client.queue("Subject: interrupted\r\n".getBytes(StandardCharsets.US_ASCII));
            client.send();
            awaitSpoolFiles(1);
        }
        awaitSpoolFiles(0);
    }

    /**
     * RFC 3030: a 5 MiB binary message (every octet value, bare CR and LF, NUL) in pipelined chunks of uneven
     * sizes arrives byte-identical, through a spool file that is gone after delivery.
     */
    @Test
    void largeBinaryMessageInPipelinedChunksIsDeliveredByteIdentical() throws IOException {
        start(TestConfigs.builder(spoolDirectory));
        List<List<Path>> spoolDuringDelivery = new ArrayList<>();
        listener.onDeliver(content -> spoolDuringDelivery.add(spoolFiles()));
        byte[] message = binaryMessage(5 * 1024 * 1024);

        try (SmtpTestClient client = new SmtpTestClient(server.localAddress())) {
            assertThat(client.readLine()).startsWith("220 ");
            assertThat(client.command("EHLO client.example.fr")).startsWith("250 ");
            assertThat(client.command("MAIL FROM:<dr.martin@clinique.example.fr> BODY=BINARYMIME")).startsWith("250 ");
            assertThat(client.command(RECIPIENT)).startsWith("250 ");
            int chunks = 0;
            for (int offset = 0, size = 1; offset < message.length; offset += size, size = size * 7 + 3, chunks++) {
                size = Math.min(size, message.length - offset);
                boolean last = offset + size == message.length;
                client.queue(("BDAT " + size + (last ? " LAST" : "") + "\r\n").getBytes(StandardCharsets.US_ASCII));
                client.queue(Arrays.copyOfRange(message, offset, offset + size));
            }
            client.send();
            for (int i = 1; i < chunks; i++) {
                assertThat(client.readReply()).matches("250 2\\.0\\.0 \\d+ octets received");
            }
            assertThat(client.readReply()).isEqualTo("250 2.0.0 queued as Q1");
        }

        assertThat(listener.deliveries.get(0).content()).isEqualTo(message);
        assertThat(listener.deliveries.get(0).envelope().bodyType()).isEqualTo("BINARYMIME");
        assertThat(spoolDuringDelivery.get(0)).as("spooled to a file").hasSize(1);
        assertThat(spoolFiles()).as("deleted after deliver").isEmpty();
    }

    /** The BDAT content belongs to the transaction, which ends with the connection: its spool goes too. */
    @Test
    void spoolIsDeletedWhenTheClientDisconnectsBetweenChunks() throws Exception {
        start(TestConfigs.builder(spoolDirectory).spoolThreshold(0));
        try (SmtpTestClient client = new SmtpTestClient(server.localAddress())) {
            openTransaction(client);
            client.queue("BDAT 22\r\nSubject: interrupted\r\n".getBytes(StandardCharsets.US_ASCII));
            client.send();
            assertThat(client.readReply()).isEqualTo("250 2.0.0 22 octets received");
            awaitSpoolFiles(1);
        }
        awaitSpoolFiles(0);
    }

    @Test
    void stopLetsTheListenerFinishThenSays421() throws Exception {
        CountDownLatch deliverStarted = new CountDownLatch(1);
        CountDownLatch releaseDeliver = new CountDownLatch(1);
        listener.onDeliver(content -> {
            deliverStarted.countDown();
            await(releaseDeliver);
        });
        start(TestConfigs.builder(spoolDirectory));
        InetSocketAddress address = server.localAddress();

        try (SmtpTestClient busy = new SmtpTestClient(address); SmtpTestClient idle = new SmtpTestClient(address)) {
            assertThat(idle.readLine()).startsWith("220 ");
            openTransaction(busy);
            assertThat(busy.command("DATA")).startsWith("354 ");
            busy.queue("Subject: in flight\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
            busy.send();
            assertThat(deliverStarted.await(5, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> server.stop(Duration.ofSeconds(5)));
            assertThat(idle.readLine()).startsWith("421 4.3.2 " + TestConfigs.HOSTNAME + " Service shutting down");
            assertThat(idle.closedByServer()).isTrue();
            assertThat(stopped).isNotDone();

            releaseDeliver.countDown();
            assertThat(busy.readLine()).isEqualTo("250 2.0.0 queued as Q1");
            assertThat(busy.readLine()).startsWith("421 4.3.2 ");
            assertThat(busy.closedByServer()).isTrue();
            assertThat(stopped.get(5, TimeUnit.SECONDS)).as("graceful").isTrue();
        }
        assertThat(nothingListensOn(address)).as("the listening socket is closed").isTrue();
        server = null;
    }

    /**
     * Whether a connection to {@code address} is refused. A connect to a closed port of the ephemeral range can,
     * rarely, succeed by TCP simultaneous open with itself (the kernel picks that very port as the source
     * port): such a self-connection is not a server answering.
     */
    private static boolean nothingListensOn(InetSocketAddress address) throws Exception {
        try (Socket probe = new Socket(address.getAddress(), address.getPort())) {
            return probe.getLocalPort() == address.getPort();
        } catch (ConnectException refused) {
            return true;
        }
    }

    @Test
    void aClosedConnectionFreesItsSlot() throws Exception {
        start(TestConfigs.builder(spoolDirectory).maxConnections(1));
        try (SmtpTestClient first = new SmtpTestClient(server.localAddress())) {
            assertThat(first.readLine()).startsWith("220 ");
            assertThat(first.command("QUIT")).startsWith("221 ");
        }
        // The server releases the slot when it sees the close, a moment after the client.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String greeting;
        do {
            try (SmtpTestClient next = new SmtpTestClient(server.localAddress())) {
                greeting = next.readLine();
            }
        } while (!greeting.startsWith("220 ") && System.nanoTime() < deadline);
        assertThat(greeting).startsWith("220 ");
    }

    @Test
    void listenerCallsNeverRunOnTheEventLoop() throws IOException {
        List<String> threads = new CopyOnWriteArrayList<>();
        server = new SmtpServer(TestConfigs.builder(spoolDirectory).build(), eventLoops,
                new BoundedListenerInvoker(workers, 4, call -> {
                    threads.add(Thread.currentThread().getName());
                    return SmtpReply.of(250, "2.1.5", "OK");
                }));
        server.start();
        try (SmtpTestClient client = new SmtpTestClient(server.localAddress())) {
            openTransaction(client);
        }
        assertThat(threads).as("MAIL FROM and RCPT TO").hasSize(2).noneMatch(name -> name.contains("nioEventLoop"));
    }

    private void start(SmtpServerConfig.Builder config) throws IOException {
        server = new SmtpServer(config.build(), eventLoops, new BoundedListenerInvoker(workers, 4, call -> call.apply(listener)));
        server.start();
    }

    private static void openTransaction(SmtpTestClient client) throws IOException {
        assertThat(client.readLine()).startsWith("220 ");
        assertThat(client.command("EHLO client.example.fr")).startsWith("250 ");
        assertThat(client.command("MAIL FROM:<dr.martin@clinique.example.fr>")).startsWith("250 ");
        assertThat(client.command(RECIPIENT)).startsWith("250 ");
    }

    /** Printable lines of various lengths, some starting with a dot, CRLF-terminated. */
    private static byte[] largeMessage(int size) {
        Random random = new Random(42);
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 100);
        out.writeBytes("Subject: large\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        while (out.size() < size) {
            int length = random.nextInt(200);
            for (int i = 0; i < length; i++) {
                out.write(i == 0 && random.nextInt(10) == 0 ? '.' : 33 + random.nextInt(94));
            }
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** Random octets of every value: what only BINARYMIME may carry (RFC 3030 section 3). */
    private static byte[] binaryMessage(int size) {
        byte[] body = new byte[size];
        new Random(7).nextBytes(body);
        byte[] header = "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, body, 0, header.length);
        return body;
    }

    /** RFC 5321 section 4.5.2, client side. */
    private static byte[] dotStuffed(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 1000);
        boolean lineStart = true;
        for (byte b : message) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        return out.toByteArray();
    }

    private List<Path> spoolFiles() {
        try (Stream<Path> files = Files.list(spoolDirectory)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Spool files are created and deleted on the event loop, a moment after the client acts. */
    private void awaitSpoolFiles(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (spoolFiles().size() != count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(spoolFiles()).hasSize(count);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
