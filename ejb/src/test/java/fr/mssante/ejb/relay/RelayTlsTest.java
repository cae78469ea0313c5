package fr.mssante.ejb.relay;

import fr.mssante.ejb.relay.smtp.ClientTls;
import fr.mssante.ejb.relay.smtp.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RelayTlsTest {

    @TempDir
    Path files;

    @Test
    void offersTls13AndOnlyTheMssanteSuitesOfTls12() throws Exception {
        TestPki pki = new TestPki("CN=CA,C=FR");
        Path[] ours = pki.issueClient("CN=relay,C=FR").writePem(files, "relay");

        ClientTls tls = RelayTls.load(ours[0], "mssante.relay.certificate", ours[1], "mssante.relay.private-key",
                pki.writeCa(files, "ca"), "mssante.relay.peer-trust");

        assertThat(tls.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(tls.cipherSuites()).containsExactlyInAnyOrder("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256");
    }

    @Test
    void aMissingOrWrongFileNamesItsSetting() throws Exception {
        TestPki pki = new TestPki("CN=CA,C=FR");
        Path[] ours = pki.issueClient("CN=relay,C=FR").writePem(files, "relay");
        Path ca = pki.writeCa(files, "ca");
        Path notPem = Files.writeString(files.resolve("junk.pem"), "not a certificate");

        assertThatThrownBy(() -> RelayTls.load(files.resolve("absent.pem"), "mssante.relay.certificate", ours[1],
                "mssante.relay.private-key", ca, "mssante.relay.peer-trust"))
                .hasMessage("mssante.relay.certificate = " + files.resolve("absent.pem") + ": no such readable file");
        assertThatThrownBy(() -> RelayTls.load(ours[0], "mssante.relay.certificate", ours[0],
                "mssante.relay.private-key", ca, "mssante.relay.peer-trust"))
                .hasMessageStartingWith("mssante.relay.private-key = ");
        assertThatThrownBy(() -> RelayTls.load(ours[0], "mssante.relay.certificate", ours[1],
                "mssante.relay.private-key", notPem, "mssante.relay.peer-trust"))
                .hasMessageStartingWith("mssante.relay.peer-trust = " + notPem + ": no PEM certificate");
    }
}
