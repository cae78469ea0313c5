package fr.mssante.it;

import fr.mssante.devstack.DevWhitelist;
import fr.mssante.devstack.Directories;
import fr.mssante.devstack.LocalPlatform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A second MSSanté operator beside the run's platform, as {@code ./mssante peer} starts it: its own
 * PostgreSQL and WildFly, the operator certificate the dev whitelist declares for
 * {@code peer.mssante-test.fr} (issued by the same dev CA, the stand-in for IGC-Santé), the same whitelist
 * publication and Keycloak, its MX on the port the first platform relays that domain to, and mail for the
 * first platform's domains relayed to the first platform's MX.
 */
final class PeerOperator implements AutoCloseable {

    private final LocalPlatform platform;

    private PeerOperator(LocalPlatform platform) {
        this.platform = platform;
    }

    static PeerOperator start(LocalPlatform first, int mxPort) throws Exception {
        LocalPlatform.Settings settings = first.settings();
        Path workDir = settings.workDir().resolveSibling(settings.workDir().getFileName() + "-peer");
        Directories.delete(workDir);
        Files.createDirectories(workDir);
        // forTests gives the test relay timings; the routes are the other way round.
        Map<String, String> properties = new HashMap<>();
        properties.put("mssante.demo.profile", "peer");
        properties.put("mssante.hostname", "mx." + DevWhitelist.TEST_PEER_DOMAIN);
        properties.put("mssante.relay.transport", DevWhitelist.DEMO_DOMAINS.stream()
                .map(domain -> domain + "=127.0.0.1:" + settings.smtpPort()).collect(Collectors.joining(",")));
        LocalPlatform.Settings peer = LocalPlatform.forTests(settings.serverTemplate(), settings.ear(),
                        settings.keycloak().distribution(), settings.keycloak().realmFiles(), workDir)
                .withSmtpPort(mxPort)
                .withSystemProperties(properties);
        LocalPlatform platform = LocalPlatform.peerOperator(peer, first);
        try {
            platform.start();
        } catch (Exception e) {
            platform.close();
            throw e;
        }
        return new PeerOperator(platform);
    }

    LocalPlatform platform() {
        return platform;
    }

    /** Dr Claire Durand, the peer's demo professional, with the demo app password. */
    MailUser drDurand() {
        LocalPlatform.Settings s = platform.settings();
        return new MailUser(LocalPlatform.PEER_DR_DURAND, Identities.DEMO_APP_PASSWORD, s.submissionPort(),
                s.imapPort(), platform.caCertificate());
    }

    @Override
    public void close() throws Exception {
        platform.close();
    }
}
