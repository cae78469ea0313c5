package fr.mssante.connector.imap;

import fr.mssante.connector.server.TestThreads;
import fr.mssante.connector.tls.ServerTls;
import fr.mssante.connector.tls.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * COMPRESS=DEFLATE (RFC 4978) on real sockets, the client side done with java.util.zip raw DEFLATE
 * (nowrap, RFC 4978 section 4): in clear and over implicit TLS, where compression sits under TLS.
 */
class ImapCompressTest {

    @TempDir
    static Path pkiDirectory;
    @TempDir
    Path spoolDirectory;

    private static TestPki pki;
    private final FakeImapStore store = new FakeImapStore();
    private final TestThreads threads = new TestThreads(4);
    private ImapServer server;

    @BeforeAll
    static void issueCertificates() {
        pki = TestPki.create(pkiDirectory, "MSSante test CA");
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ofSeconds(1));
        threads.close();
    }

    private void start(boolean tls) throws IOException {
        ImapServerConfig.Builder config = ImapTestConfigs.builder(spoolDirectory);
        if (tls) {
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                config.tls(ServerTls.create(pki.serverSettings())).implicitTlsPort(probe.getLocalPort());
            }
        }
        server = new ImapServer(config.build(), threads.eventLoops(),
                ImapServer.invoker(threads.workers(), 4, call -> call.apply(store)));
        server.start();
    }

    @Test
    void commandsAndResponsesAreDeflatedAfterTheTaggedOk() throws IOException {
        start(false);
        try (DeflateClient client = new DeflateClient(new Socket(server.localAddress().getAddress(),
                server.localAddress().getPort()))) {
            client.readLine();
            assertThat(client.command("CAPABILITY").get(0)).as("not before authentication")
                    .doesNotContain("COMPRESS=DEFLATE");
            assertThat(client.status("COMPRESS DEFLATE")).startsWith("BAD ");
            client.command("LOGIN " + FakeImapStore.ALICE + " " + FakeImapStore.PASSWORD);
            assertThat(client.command("CAPABILITY").get(0)).contains(" COMPRESS=DEFLATE");
            assertThat(client.status("COMPRESS LZW")).isEqualTo("BAD Unsupported compression mechanism LZW");
            assertThat(client.status("COMPRESS DEFLATE")).as("sent uncompressed").isEqualTo("OK DEFLATE active");

            client.compress();
            assertThat(client.command("SELECT INBOX")).contains("* 3 EXISTS");
            List<String> fetch = client.command("FETCH 2 (BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])");
            assertThat(fetch).contains("Message-ID: <m2@labo.example.fr>");
            assertThat(fetch.get(fetch.size() - 1)).endsWith("OK FETCH completed");
            assertThat(client.status("COMPRESS DEFLATE")).isEqualTo("NO [COMPRESSIONACTIVE] DEFLATE already active");
            assertThat(client.command("LOGOUT")).contains("* BYE Logging out");
        }
    }

    @Test
    void compressionWorksUnderTls() throws Exception {
        start(true);
        InetSocketAddress address = server.tlsLocalAddress();
        Socket socket = pki.clientContext("TLS", null).getSocketFactory().createSocket(address.getAddress(), address.getPort());
        try (DeflateClient client = new DeflateClient(socket)) {
            client.readLine();
            client.command("LOGIN " + FakeImapStore.ALICE + " " + FakeImapStore.PASSWORD);
            assertThat(client.status("COMPRESS DEFLATE")).isEqualTo("OK DEFLATE active");
            client.compress();
            assertThat(client.command("STATUS INBOX (MESSAGES)")).contains("* STATUS \"INBOX\" (MESSAGES 3)");
        }
    }

    /** An IMAP client that can switch to raw DEFLATE both ways, as a RFC 4978 client does after the OK. */
    private static final class DeflateClient implements Closeable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        private final Inflater inflater = new Inflater(true);
        private final ByteArrayOutputStream inflated = new ByteArrayOutputStream();
        private int inflatedRead;
        private boolean compressed;
        private int tags;

        DeflateClient(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(5000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        void compress() {
            compressed = true;
        }

        List<String> command(String command) throws IOException {
            String tag = "c" + ++tags;
            send((tag + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String line;
            do {
                line = readLine();
                lines.add(line);
            } while (!line.startsWith(tag + " "));
            return lines;
        }

        String status(String command) throws IOException {
            List<String> lines = command(command);
            return lines.get(lines.size() - 1).replaceFirst("^c\\d+ ", "");
        }

        private void send(byte[] data) throws IOException {
            if (!compressed) {
                out.write(data);
            } else {
                deflater.setInput(data);
                byte[] buffer = new byte[1024];
                int n;
                do {
                    n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                    out.write(buffer, 0, n);
                } while (n == buffer.length);
            }
            out.flush();
        }

        String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = next()) != '\n') {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.UTF_8);
        }

        /** One octet: read octet by octet before compression, so that nothing compressed is read early. */
        private int next() throws IOException {
            if (!compressed) {
                return in.read();
            }
            while (inflatedRead == inflated.size()) {
                byte[] chunk = new byte[4096];
                int n = in.read(chunk);
                if (n < 0) {
                    return -1;
                }
                inflater.setInput(chunk, 0, n);
                byte[] buffer = new byte[4096];
                try {
                    int produced;
                    while ((produced = inflater.inflate(buffer)) > 0) {
                        inflated.write(buffer, 0, produced);
                    }
                } catch (DataFormatException e) {
                    throw new IOException("not raw DEFLATE", e);
                }
            }
            return inflated.toByteArray()[inflatedRead++] & 0xff;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
