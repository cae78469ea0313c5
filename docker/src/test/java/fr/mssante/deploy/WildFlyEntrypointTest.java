package fr.mssante.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/wildfly/entrypoint.sh run for real, with a WildFly whose standalone.sh only reports how it was
 * started: the command line, the system properties file it was given and the cluster peer it sees.
 */
class WildFlyEntrypointTest {

    static final Path ENTRYPOINT = Repository.DOCKER.resolve("wildfly/entrypoint.sh");

    @TempDir
    Path home;

    @BeforeEach
    void fakeWildFly() throws Exception {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path standalone = bin.resolve("standalone.sh");
        Files.writeString(standalone, """
                #!/bin/sh
                echo "ARGS $*"
                echo "PEER ${MSSANTE_CLUSTER_PEER_HOST:-}"
                echo "PEER2 ${MSSANTE_CLUSTER_PEER2_HOST:-}"
                echo "NODE ${MSSANTE_NODE_ID:-}"
                while [ $# -gt 0 ]; do
                  if [ "$1" = -P ]; then echo "PROPERTIES"; cat "$2"; rm -f "$2"; fi
                  shift
                done
                """);
        Files.setPosixFilePermissions(standalone, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Command.Result start(Map<String, String> environment) throws Exception {
        Map<String, String> all = new HashMap<>(environment);
        all.put("JBOSS_HOME", home.toString());
        all.put("WILDFLY_PROPERTIES_LIST", Repository.DOCKER.resolve("wildfly/system-properties.list").toString());
        all.putIfAbsent("HOSTNAME", "node-a");
        return Command.run(home, all, "/bin/bash", ENTRYPOINT.toString());
    }

    @Test
    void listedSettingsGoFromTheEnvironmentToAPropertiesFileNotTheCommandLine() throws Exception {
        Command.Result result = start(Map.of(
                "MSSANTE_SMTP_PORT", "10025",
                "MSSANTE_TLS_KEYSTORE_PASSWORD", "s3cr\\et",
                "MSSANTE_DB_PASSWORD", "read-by-the-cli-itself"));
        assertThat(result.exitCode()).as(result.output()).isZero();
        String properties = result.stdout().substring(result.stdout().indexOf("PROPERTIES"));
        assertThat(properties).contains("mssante.smtp.port=10025")
                .contains("mssante.tls.keystore-password=s3cr\\\\et")
                .doesNotContain("read-by-the-cli-itself");
        String arguments = result.stdout().lines().filter(l -> l.startsWith("ARGS")).findFirst().orElseThrow();
        assertThat(arguments).contains("-c standalone-full.xml", "-b 0.0.0.0", "-bmanagement 0.0.0.0",
                "-Djboss.node.name=node-a").doesNotContain("s3cr");
    }

    @Test
    void theNodeIdDefaultsToTheHostNameAndMustFitTheTransactionManager() throws Exception {
        assertThat(start(Map.of()).stdout()).contains("NODE node-a");
        assertThat(start(Map.of("MSSANTE_NODE_ID", "mssante-7")).stdout()).contains("NODE mssante-7");
        Command.Result tooLong = start(Map.of("HOSTNAME", "a-host-name-of-thirty-characters"));
        assertThat(tooLong.exitCode()).isEqualTo(64);
        assertThat(tooLong.stderr()).contains("MSSANTE_NODE_ID");
    }

    @Test
    void aStatefulSetPodNamesAnotherPodAsItsPeer() throws Exception {
        Map<String, String> cluster = Map.of("WILDFLY_SERVER_CONFIG", "standalone-full-cluster.xml",
                "WILDFLY_PEER_SERVICE", "mssante-wildfly-headless");
        Map<String, String> pod2 = new HashMap<>(cluster);
        pod2.put("HOSTNAME", "mssante-wildfly-2");
        assertThat(start(pod2).stdout()).contains("PEER mssante-wildfly-0.mssante-wildfly-headless")
                .contains("-c standalone-full-cluster.xml");
        Map<String, String> pod0 = new HashMap<>(cluster);
        pod0.put("HOSTNAME", "mssante-wildfly-0");
        assertThat(start(pod0).stdout()).contains("PEER mssante-wildfly-1.mssante-wildfly-headless")
                .contains("PEER2 \n");
    }

    @Test
    void fromThreeReplicasEachPodNamesTwoPeersSoThatOneDownPeerLeavesItAContact() throws Exception {
        Map<String, String> cluster = new HashMap<>(Map.of("WILDFLY_SERVER_CONFIG", "standalone-full-cluster.xml",
                "WILDFLY_PEER_SERVICE", "svc", "WILDFLY_CLUSTER_SIZE", "3"));
        cluster.put("HOSTNAME", "mssante-wildfly-0");
        assertThat(start(cluster).stdout()).contains("PEER mssante-wildfly-1.svc", "PEER2 mssante-wildfly-2.svc");
        cluster.put("HOSTNAME", "mssante-wildfly-1");
        assertThat(start(cluster).stdout()).contains("PEER mssante-wildfly-0.svc", "PEER2 mssante-wildfly-2.svc");
        cluster.put("HOSTNAME", "mssante-wildfly-2");
        assertThat(start(cluster).stdout()).contains("PEER mssante-wildfly-0.svc", "PEER2 mssante-wildfly-1.svc");
        cluster.put("WILDFLY_CLUSTER_SIZE", "three");
        assertThat(start(cluster).exitCode()).isEqualTo(64);
    }

    @Test
    void anExplicitPeerWinsAndTheClusterProfileWithoutPeerRefusesToStart() throws Exception {
        assertThat(start(Map.of("WILDFLY_SERVER_CONFIG", "standalone-full-cluster.xml",
                "WILDFLY_PEER_SERVICE", "svc", "MSSANTE_CLUSTER_PEER_HOST", "wildfly-2")).stdout())
                .contains("PEER wildfly-2");
        Command.Result noPeer = start(Map.of("WILDFLY_SERVER_CONFIG", "standalone-full-cluster.xml"));
        assertThat(noPeer.exitCode()).isEqualTo(64);
        assertThat(noPeer.stderr()).contains("MSSANTE_CLUSTER_PEER_HOST");
    }

    @Test
    void anUnknownServerConfigurationIsRefused() throws Exception {
        Command.Result result = start(Map.of("WILDFLY_SERVER_CONFIG", "standalone-ha.xml"));
        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.stderr()).contains("WILDFLY_SERVER_CONFIG");
    }
}
