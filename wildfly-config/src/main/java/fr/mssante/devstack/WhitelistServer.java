package fr.mssante.devstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The stand-in for ANS's publication of the whitelist: HTTPS on 127.0.0.1 with the dev server
 * certificate, serving {@value DevWhitelist#LIST_FILE} and {@value DevWhitelist#DIGEST_FILE} from a
 * directory, read at each request so that a test can replace them ({@link DevWhitelist#publish}).
 * The platform is pointed at it with {@link #systemProperties()}.
 */
public final class WhitelistServer implements AutoCloseable {

    private final Path directory;
    private final DevCertificates pki;
    private final int port;
    private HttpsServer server;

    /**
     * @param directory where the files are; the dev list ({@link DevWhitelist#platformList}) is written
     *                  there unless a list already is
     * @param port      on 127.0.0.1, bound by {@link #start()}
     */
    public WhitelistServer(Path directory, DevCertificates pki, int port) throws IOException {
        this.directory = directory;
        this.pki = pki;
        this.port = port;
        if (!Files.exists(directory.resolve(DevWhitelist.LIST_FILE))) {
            DevWhitelist.publish(directory, DevWhitelist.platformList(serverSubject()));
        }
    }

    /** The subject DN of the dev server certificate: the operator DN of this platform's own domains. */
    public String serverSubject() throws IOException {
        return serverChain().get(0).getSubjectX500Principal().getName();
    }

    public Path directory() {
        return directory;
    }

    public URI listUrl() {
        return URI.create("https://127.0.0.1:" + port + "/" + DevWhitelist.LIST_FILE);
    }

    public URI digestUrl() {
        return URI.create("https://127.0.0.1:" + port + "/" + DevWhitelist.DIGEST_FILE);
    }

    /** The settings that point a platform node at this server (and trust the dev CA for it). */
    public Map<String, String> systemProperties() {
        return Map.of("mssante.whitelist.url", listUrl().toString(),
                "mssante.whitelist.sha256-url", digestUrl().toString(),
                "mssante.whitelist.trust", pki.caCertificate().toString());
    }

    public synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(sslContext()));
        https.createContext("/", this::serve);
        https.start();
        server = https;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String name = exchange.getRequestURI().getPath().substring(1);
            if (!exchange.getRequestMethod().equals("GET")
                    || !(name.equals(DevWhitelist.LIST_FILE) || name.equals(DevWhitelist.DIGEST_FILE))) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body;
            try {
                body = Files.readAllBytes(directory.resolve(name));
            } catch (NoSuchFileException e) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", name.endsWith(".xml") ? "application/xml" : "text/plain");
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private SSLContext sslContext() throws IOException {
        try {
            PrivateKey key = DevCertificates.readKey(pki.serverKey());
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = "whitelist".toCharArray();
            store.setKeyEntry("server", key, password, serverChain().toArray(Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load the dev server certificate for the whitelist server", e);
        }
    }

    private List<X509Certificate> serverChain() throws IOException {
        try (InputStream in = Files.newInputStream(pki.serverCertificate())) {
            Collection<? extends Certificate> chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
            return chain.stream().map(X509Certificate.class::cast).toList();
        } catch (GeneralSecurityException e) {
            throw new IOException("unreadable " + pki.serverCertificate(), e);
        }
    }
}
