package fr.mssante.connector.smtp;

import java.nio.file.Path;
import java.time.Duration;

/** Server settings for tests: production defaults except where a test needs otherwise. */
final class TestConfigs {

    static final String HOSTNAME = "mx.test.mssante.fr";

    private TestConfigs() {
    }

    static SmtpServerConfig.Builder builder(Path spoolDirectory) {
        return SmtpServerConfig.builder()
                .bindAddress("127.0.0.1")
                .port(0)
                .hostname(HOSTNAME)
                .service("mx")
                .maxMessageSize(26_214_400)
                .maxRecipients(100)
                .maxConnections(1000)
                .maxConnectionsPerIp(100)
                .idleTimeout(Duration.ofSeconds(30))
                .maxCommandLineLength(2048)
                .maxDataLineLength(1000)
                .spoolThreshold(262_144)
                .spoolDirectory(spoolDirectory)
                .maxConsecutiveErrors(10);
    }
}
