package fr.mssante.ejb.trust;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Downloads the whitelist and, when configured, its published digest, over HTTPS with the configured
 * trust ({@code mssante.whitelist.trust}, else the JDK's). What comes back is bounded in time and size,
 * and a body shorter than its {@code Content-Length} is refused as truncated rather than parsed.
 * Redirects are followed except from HTTPS to HTTP.
 */
public final class WhitelistDownloader {

    /** The national list is a few hundred kilobytes; this leaves room and stops a runaway response. */
    static final int MAX_BYTES = 20 * 1024 * 1024;
    private static final int MAX_DIGEST_BYTES = 4096;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** What was downloaded and checked. */
    public record Download(byte[] bytes, String sha256) {
    }

    private final WhitelistSettings settings;
    private final HttpClient http;

    public WhitelistDownloader(WhitelistSettings settings) {
        this.settings = settings;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (settings.trust() != null) {
            builder.sslContext(sslContext(settings.trust()));
        }
        this.http = builder.build();
    }

    /**
     * @throws WhitelistRejectedException when the list or its digest cannot be fetched whole, or they differ
     */
    public Download download() throws WhitelistRejectedException {
        byte[] document = fetch(settings.url(), MAX_BYTES);
        if (settings.digestUrl() == null) {
            return new Download(document, WhitelistDigest.sha256(document));
        }
        byte[] digest = fetch(settings.digestUrl(), MAX_DIGEST_BYTES);
        return new Download(document, WhitelistDigest.verify(document, digest));
    }

    private byte[] fetch(URI uri, int limit) throws WhitelistRejectedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, LimitedBody.handler(limit));
        HttpResponse<byte[]> response;
        try {
            // The request timeout covers the headers only: this one covers the body too (a server that
            // trickles bytes must not hold the refresh, and the lock of the cluster, for ever).
            response = pending.get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new WhitelistRejectedException("download of " + uri + " took more than " + REQUEST_TIMEOUT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new WhitelistRejectedException("cannot download " + uri + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new WhitelistRejectedException("download of " + uri + " interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new WhitelistRejectedException(uri + " answered HTTP " + response.statusCode());
        }
        byte[] bytes = response.body();
        OptionalLong declared = response.headers().firstValueAsLong("Content-Length");
        if (declared.isPresent() && declared.getAsLong() != bytes.length) {
            throw new WhitelistRejectedException(uri + " sent " + bytes.length + " of the " + declared.getAsLong()
                    + " bytes it announced (truncated download)");
        }
        return bytes;
    }

    /** A TLS context trusting exactly the certificates of a PEM bundle. */
    static SSLContext sslContext(Path pemBundle) {
        try (InputStream in = Files.newInputStream(pemBundle)) {
            Collection<? extends Certificate> anchors = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (anchors.isEmpty()) {
                throw new IllegalStateException(WhitelistSettings.TRUST + " = " + pemBundle + ": no certificate in it");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate anchor : anchors) {
                store.setCertificateEntry("anchor-" + i++, anchor);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(WhitelistSettings.TRUST + " = " + pemBundle + ": not a PEM bundle of CA certificates ("
                    + e.getMessage() + ")", e);
        }
    }
}
