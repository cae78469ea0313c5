package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The deployed connector speaks TLS with the development CA that LocalPlatform generated (ADR 0008):
 * implicit TLS on the SMTPS and IMAPS ports, verified against the CA the platform exposes.
 */
@ExtendWith(PlatformExtension.class)
class TlsIT {

    private final LocalPlatform platform;

    TlsIT(LocalPlatform platform) {
        this.platform = platform;
    }

    @Test
    void smtpsGreetsOverTlsWithACertificateOfTheDevCa() throws Exception {
        try (SSLSocket socket = connect(platform.settings().smtpsPort())) {
            BufferedReader in = reader(socket);
            assertThat(in.readLine()).startsWith("220 ");
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
        }
    }

    @Test
    void imapsLogsInOverTls() throws Exception {
        try (SSLSocket socket = connect(platform.settings().imapsPort())) {
            BufferedReader in = reader(socket);
            assertThat(in.readLine()).startsWith("* OK [CAPABILITY ").contains("AUTH=PLAIN").doesNotContain("STARTTLS");
            OutputStream out = socket.getOutputStream();
            out.write("a LOGIN dr.martin@hopital-demo.mssante.fr Demo-Mssante-2026\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(in.readLine()).startsWith("a OK ");
        }
    }

    /** TLS 1.0/1.1 refusals are tested on the engine (the JDK's client no longer offers them). */
    @Test
    void imapsRefusesTls12SuitesOutsideTheMssanteList() throws Exception {
        for (String foreign : new String[]{"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_GCM_SHA256"}) {
            SSLSocket socket = tls12(foreign);
            assertThatThrownBy(socket::startHandshake).as(foreign).isInstanceOf(SSLException.class);
            socket.close();
        }
        try (SSLSocket socket = tls12("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")) {
            socket.startHandshake();
            assertThat(socket.getSession().getCipherSuite()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        }
    }

    /** A TLS 1.2 client offering only {@code suite}, not yet connected. */
    private SSLSocket tls12(String suite) throws Exception {
        SSLSocket socket = unconnected(platform.settings().imapsPort());
        socket.setEnabledProtocols(new String[]{"TLSv1.2"});
        socket.setEnabledCipherSuites(new String[]{suite});
        return socket;
    }

    private SSLSocket unconnected(int port) throws Exception {
        SSLSocket socket = (SSLSocket) TestTls.trusting(platform.caCertificate()).getSocketFactory()
                .createSocket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private SSLSocket connect(int port) throws Exception {
        SSLSocket socket = unconnected(port);
        socket.startHandshake();
        return socket;
    }

    private static BufferedReader reader(SSLSocket socket) throws Exception {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    }
}
