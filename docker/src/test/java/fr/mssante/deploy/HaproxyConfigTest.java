package fr.mssante.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker/haproxy/haproxy.cfg is accepted by HAProxy itself ({@code haproxy -c}). */
class HaproxyConfigTest {

    static final String HAPROXY = "/usr/sbin/haproxy";
    static final String OPENSSL = "/usr/bin/openssl";
    static final String CERTIFICATE_IN_CONTAINER = "/usr/local/etc/haproxy/tls/web.pem";

    @TempDir
    Path work;

    @Test
    void haproxyAcceptsTheConfigurationWithTheOperatorsCertificateInPlace() throws Exception {
        // The HTTPS certificate is the operator's (docker/tls/README.md): put a throw-away one where it goes.
        Command.succeed(work, OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=console.operateur.example", "-keyout", "key.pem", "-out", "cert.pem");
        Path web = work.resolve("web.pem");
        Files.writeString(web, Files.readString(work.resolve("cert.pem")) + Files.readString(work.resolve("key.pem")));
        String config = Files.readString(Repository.DOCKER.resolve("haproxy/haproxy.cfg"));
        assertThat(config).contains(CERTIFICATE_IN_CONTAINER);
        Path copy = work.resolve("haproxy.cfg");
        Files.writeString(copy, config.replace(CERTIFICATE_IN_CONTAINER, web.toString()));

        Command.Result result = Command.run(work, HAPROXY, "-c", "-f", copy.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Configuration file is valid");
    }

    @Test
    void haproxyRefusesAMisspeltKeyword() throws Exception {
        Path broken = work.resolve("broken.cfg");
        Files.writeString(broken, """
                defaults
                    mode tcp
                    timeout connect 5s
                    timeout client 5s
                    timeout server 5s
                frontend smtp
                    bind 127.0.0.1:2525
                    default_backend nodes
                backend nodes
                    server a 127.0.0.1:10025 send-proxy-v3
                """);
        assertThat(Command.run(work, HAPROXY, "-c", "-f", broken.toString()).exitCode()).isNotZero();
    }
}
