package fr.mssante.it;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

/** The client side of the platform's development CA ({@code LocalPlatform.caCertificate()}), for TLS in the tests. */
final class DevCa {

    private DevCa() {
    }

    /** A TLS context trusting that CA only, presenting no client certificate. */
    static SSLContext context(Path caCertificate) throws IOException {
        try (InputStream ca = Files.newInputStream(caCertificate)) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("dev-ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot trust " + caCertificate, e);
        }
    }
}
