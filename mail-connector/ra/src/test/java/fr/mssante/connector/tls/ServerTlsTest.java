package fr.mssante.connector.tls;

import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Configuration checks: what fails the deployment, and with which message. */
class ServerTlsTest {

    @TempDir
    static Path directory;
    private static TestPki pki;

    @BeforeAll
    static void issueCertificates() {
        pki = TestPki.create(directory, "MSSante test CA");
    }

    @Test
    void noKeyMeansNoTls() {
        assertThat(ServerTls.create(settings("", "", "", ""))).isNull();
    }

    @Test
    void pemKeysInPkcs1AndPkcs8FormAreRead() throws Exception {
        TlsSettings defaults = pki.serverSettings();
        assertThat(ServerTls.create(defaults)).isNotNull();
        TestPki.Issued server = pki.client("pkcs8");
        Path certificate = pki.pem("pkcs8.pem", server.certificate());
        Path pkcs8 = pki.pem("server-pkcs8.key", new JcaPKCS8Generator(server.key(), null).generate());
        assertThat(ServerTls.create(settings(certificate.toString(), pkcs8.toString(), "", ""))).isNotNull();
    }

    @Test
    void aPkcs12KeystoreIsRead() throws Exception {
        TestPki.Issued server = pki.client("keystore");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", server.key(), "secret".toCharArray(), new X509Certificate[] {server.certificate()});
        Path file = directory.resolve("server.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "secret".toCharArray());
        }
        assertThat(ServerTls.create(settings("", "", file.toString(), "secret"))).isNotNull();
        assertThatIllegalArgumentException().isThrownBy(() -> ServerTls.create(settings("", "", file.toString(), "wrong")))
                .withMessageContaining("mssante.tls.keystore = " + file);
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateIsRefused() {
        TlsSettings good = pki.serverSettings();
        Path otherKey = pki.pem("other.key", pki.client("other").key());
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ServerTls.create(settings(good.certificate(), otherKey.toString(), "", "")))
                .withMessageContaining("does not match the certificate");
    }

    @Test
    void anUnreadableFileIsNamed() {
        TlsSettings good = pki.serverSettings();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ServerTls.create(settings(good.certificate(), "/nowhere/server.key", "", "")))
                .withMessage("mssante.tls.private-key = /nowhere/server.key: no such readable file");
    }

    @Test
    void unknownProtocolAndSuiteNamesAreRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ServerTls.create(pki.settings(List.of("TLSv1.4"), TlsSettings.MSSANTE_TLS12_SUITES)))
                .withMessageStartingWith("mssante.tls.protocols: unknown or unsupported name 'TLSv1.4'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ServerTls.create(pki.settings(TlsSettings.DEFAULT_PROTOCOLS,
                        List.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA385"))))
                .withMessageStartingWith("mssante.tls.cipher-suites: unknown or unsupported name");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ServerTls.create(pki.settings(TlsSettings.DEFAULT_PROTOCOLS,
                        List.of("TLS_AES_128_GCM_SHA256"))))
                .withMessageContaining("is a TLS 1.3 suite");
    }

    private static TlsSettings settings(String certificate, String key, String keystore, String password) {
        return new TlsSettings(certificate, key, keystore, password, "", "", TlsSettings.DEFAULT_PROTOCOLS,
                TlsSettings.MSSANTE_TLS12_SUITES, TlsSettings.DEFAULT_TLS13_SUITES);
    }
}
