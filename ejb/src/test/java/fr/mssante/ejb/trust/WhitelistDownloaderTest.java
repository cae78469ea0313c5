package fr.mssante.ejb.trust;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The download as a publisher's server can answer it. Plain HTTP on loopback stands in for HTTPS here
 * (the settings refuse http:// URLs; the TLS side is the JDK's and is exercised by WhitelistIT).
 */
class WhitelistDownloaderTest {

    private static final byte[] LIST = WhitelistParserTest.LIST.getBytes(StandardCharsets.UTF_8);

    private HttpServer server;
    private volatile byte[] digestFile = (WhitelistDigest.sha256(LIST) + "  listeblanchemssante.xml\n").getBytes(StandardCharsets.US_ASCII);

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/listeblanchemssante.xml", exchange -> {
            exchange.sendResponseHeaders(200, LIST.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(LIST);
            }
        });
        server.createContext("/listeblanchemssante.xml.sha256", exchange -> {
            exchange.sendResponseHeaders(200, digestFile.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(digestFile);
            }
        });
        server.createContext("/truncated.xml", exchange -> {
            // Announces the whole file, sends half, and the connection ends.
            exchange.sendResponseHeaders(200, LIST.length);
            OutputStream out = exchange.getResponseBody();
            out.write(LIST, 0, LIST.length / 2);
            out.flush();
            exchange.getHttpContext().getServer().stop(0);
        });
        server.createContext("/huge.xml", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked, no length announced
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] block = new byte[64 * 1024];
                for (int sent = 0; sent <= WhitelistDownloader.MAX_BYTES; sent += block.length) {
                    out.write(block);
                }
            } catch (IOException clientGaveUp) {
                // expected: the downloader cancels past the limit
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void downloads_the_list_and_checks_its_published_digest() throws Exception {
        WhitelistDownloader.Download download = downloader("/listeblanchemssante.xml", "/listeblanchemssante.xml.sha256").download();
        assertThat(download.bytes()).isEqualTo(LIST);
        assertThat(download.sha256()).isEqualTo(WhitelistDigest.sha256(LIST));
    }

    @Test
    void without_a_digest_url_the_digest_is_computed_only() throws Exception {
        assertThat(downloader("/listeblanchemssante.xml", null).download().sha256()).isEqualTo(WhitelistDigest.sha256(LIST));
    }

    @Test
    void refuses_a_list_whose_published_digest_differs() {
        digestFile = WhitelistDigest.sha256("other".getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> downloader("/listeblanchemssante.xml", "/listeblanchemssante.xml.sha256").download())
                .isInstanceOf(WhitelistRejectedException.class).hasMessageContaining("SHA-256 mismatch");
    }

    @Test
    void refuses_a_missing_digest_file() {
        assertThatThrownBy(() -> downloader("/listeblanchemssante.xml", "/nothing-here.sha256").download())
                .isInstanceOf(WhitelistRejectedException.class).hasMessageContaining("HTTP 404");
    }

    @Test
    void refuses_a_body_shorter_than_announced() {
        assertThatThrownBy(() -> downloader("/truncated.xml", null).download())
                .isInstanceOf(WhitelistRejectedException.class).hasMessageContaining("/truncated.xml");
    }

    @Test
    void stops_reading_past_the_size_limit() {
        assertThatThrownBy(() -> downloader("/huge.xml", null).download())
                .isInstanceOf(WhitelistRejectedException.class).hasMessageContaining("limit of " + WhitelistDownloader.MAX_BYTES);
    }

    @Test
    void refuses_an_unreachable_server() {
        int port = server.getAddress().getPort();
        server.stop(0);
        assertThatThrownBy(() -> new WhitelistDownloader(new WhitelistSettings(URI.create("http://127.0.0.1:" + port + "/l.xml"),
                null, null, Duration.ofHours(1))).download())
                .isInstanceOf(WhitelistRejectedException.class).hasMessageContaining("cannot download");
    }

    private WhitelistDownloader downloader(String list, String digest) {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return new WhitelistDownloader(new WhitelistSettings(URI.create(base + list),
                digest == null ? null : URI.create(base + digest), null, Duration.ofHours(1)));
    }
}
