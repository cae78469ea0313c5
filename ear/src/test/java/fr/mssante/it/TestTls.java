package fr.mssante.it;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

/** TLS client contexts as a mail client configured with the platform's dev CA would build them. */
final class TestTls {

    private TestTls() {
    }

    /** Trusts the CA that signed the server certificate, presents no client certificate. */
    static SSLContext trusting(Path caPem) throws IOException {
        return context(caPem, null, null);
    }

    /** Also presents the client certificate and key of a PKCS#12 file (an APP mailbox's certificate). */
    static SSLContext withClientCertificate(Path caPem, Path pkcs12, char[] password) throws IOException {
        return context(caPem, pkcs12, password);
    }

    private static SSLContext context(Path caPem, Path pkcs12, char[] password) throws IOException {
        try {
            return build(caPem, pkcs12, password);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build a TLS context trusting " + caPem, e);
        }
    }

    private static SSLContext build(Path caPem, Path pkcs12, char[] password) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            int i = 0;
            for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca" + i++, ca);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (pkcs12 != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(pkcs12)) {
                keys.load(in, password);
            }
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }
}
