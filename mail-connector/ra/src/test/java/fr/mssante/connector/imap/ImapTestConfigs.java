package fr.mssante.connector.imap;

import java.nio.file.Path;
import java.time.Duration;

/** Server settings for tests: production defaults except where a test needs otherwise. */
final class ImapTestConfigs {

    static final String HOSTNAME = "imap.test.mssante.fr";

    private ImapTestConfigs() {
    }

    static ImapServerConfig.Builder builder(Path spoolDirectory) {
        return ImapServerConfig.builder()
                .bindAddress("127.0.0.1")
                .port(0)
                .hostname(HOSTNAME)
                .maxConnections(1000)
                .maxConnectionsPerIp(100)
                .maxConnectionsPerUser(50)
                .idleTimeout(Duration.ofSeconds(30))
                .maxCommandLineLength(ImapServerConfig.DEFAULT_MAX_COMMAND_LINE)
                .maxLiteral(65_536)
                .maxMessageSize(26_214_400)
                .spoolThreshold(262_144)
                .spoolDirectory(spoolDirectory)
                .maxConsecutiveErrors(10)
                .allowPlaintextAuth(true);
    }
}
