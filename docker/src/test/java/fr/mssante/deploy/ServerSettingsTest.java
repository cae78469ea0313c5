package fr.mssante.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The image's list of forwarded settings names only settings the server reads. */
class ServerSettingsTest {

    @Test
    void everyPropertyTheImageForwardsIsOneTheServerReads() {
        ServerSettings settings = ServerSettings.read();
        assertThat(settings.forwardedProperties()).isNotEmpty().allSatisfy(property ->
                assertThat(settings.readsProperty(property))
                        .as("%s in docker/wildfly/system-properties.list is read by the server", property).isTrue());
    }

    @Test
    void everyServerVariableTheEntrypointExportsIsOneTheServerReads() throws Exception {
        ServerSettings settings = ServerSettings.read();
        String entrypoint = Files.readString(Repository.DOCKER.resolve("wildfly/entrypoint.sh"));
        Matcher exported = Pattern.compile("export (MSSANTE_[A-Z0-9_]+)=").matcher(entrypoint);
        int found = 0;
        while (exported.find()) {
            found++;
            assertThat(settings.readsEnvironment(exported.group(1))).as("%s exported by entrypoint.sh", exported.group(1))
                    .isTrue();
        }
        assertThat(found).as("MSSANTE_NODE_ID, MSSANTE_CLUSTER_PEER_HOST, MSSANTE_CLUSTER_PEER2_HOST").isEqualTo(3);
    }

    @Test
    void everyServerVariableTheImageSetsIsOneTheServerReads() throws Exception {
        ServerSettings settings = ServerSettings.read();
        String dockerfile = Files.readString(Repository.DOCKER.resolve("wildfly/Dockerfile"));
        Matcher variable = Pattern.compile("\\b(MSSANTE_[A-Z0-9_]+)=").matcher(dockerfile);
        int found = 0;
        while (variable.find()) {
            found++;
            assertThat(settings.readsEnvironment(variable.group(1))).as("%s set by the Dockerfile", variable.group(1))
                    .isTrue();
        }
        assertThat(found).as("MSSANTE_MODE, MSSANTE_BIND_ADDRESS, MSSANTE_SMTP_SPOOL_DIR").isGreaterThanOrEqualTo(3);
    }

    @Test
    void sourcesAreFoundSoThatTheChecksAreNotVacuous() {
        ServerSettings settings = ServerSettings.read();
        // One of each source kind: CLI env, Java env constant, ironjacamar.xml property, Java property literal.
        assertThat(settings.readsEnvironment("MSSANTE_CLUSTER_PASSWORD")).isTrue();
        assertThat(settings.readsEnvironment("MSSANTE_MODE")).isTrue();
        assertThat(settings.readsProperty("mssante.imaps.port")).isTrue();
        assertThat(settings.readsProperty("mssante.relay.transport")).isTrue();
    }

    @Test
    void environmentNamesAreDerivedAsTheSettingsReadersDeriveThem() {
        assertThat(ServerSettings.environmentName("mssante.tls.private-key")).isEqualTo("MSSANTE_TLS_PRIVATE_KEY");
        assertThat(ServerSettings.environmentName("mssante.mx-host")).isEqualTo("MSSANTE_MX_HOST");
    }
}
