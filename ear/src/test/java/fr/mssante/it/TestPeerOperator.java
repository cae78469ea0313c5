package fr.mssante.it;

import fr.mssante.devstack.DevCertificates;
import fr.mssante.devstack.DevWhitelist;
import fr.mssante.devstack.LocalPlatform;
import fr.mssante.ejb.tenant.DemoData;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The other MSSanté operator the tests send as on the MX (ADR 0017): the domain the dev whitelist lists
 * and a TLS client presenting the certificate that whitelist entry declares, issued by the platform's dev
 * CA (the stand-in for IGC-Santé), {@code CN=mx.peer.mssante-test.fr,O=MSSante dev,C=FR}.
 */
final class TestPeerOperator {

    /** The peer's mail domain, on the dev whitelist, not hosted by the platform under test. */
    static final String DOMAIN = DemoData.PEER_DOMAIN;
    /** The subject the dev whitelist declares for {@link #DOMAIN}. */
    static final String CERTIFICATE_DN = DevWhitelist.TEST_PEER_DN;
    private static final String COMMON_NAME = "mx.peer.mssante-test.fr";

    private static SSLContext tls;

    private TestPeerOperator() {
    }

    /** An address of the peer operator's domain. */
    static String address(String localPart) {
        return localPart + "@" + DOMAIN;
    }

    /**
     * Trusts the platform's server certificate and presents the peer operator's; issued once per run.
     *
     * @throws UncheckedIOException when the certificate cannot be issued: the test setup is broken
     */
    static synchronized SSLContext tls(LocalPlatform platform) {
        if (tls == null) {
            try {
                Path directory = Files.createTempDirectory("mssante-test-peer-operator");
                DevCertificates.ClientFiles certificate = platform.devCertificates().issueClient(COMMON_NAME, directory);
                tls = TestTls.withClientCertificate(platform.caCertificate(), certificate.pkcs12(),
                        DevCertificates.CLIENT_PASSWORD.toCharArray());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot issue the test peer operator's certificate", e);
            }
        }
        return tls;
    }
}
