package fr.mssante.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mssante.deploy.ComposeStack.Mount;
import fr.mssante.deploy.ComposeStack.Port;
import fr.mssante.deploy.HaproxyConfig.Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/compose.yml and compose.dev.yml as {@code docker-compose config} resolves them with
 * .env.example: every file they mount exists, the ports the load balancer publishes reach the
 * listeners the nodes are configured with, and every setting they pass is one its consumer reads.
 * No container runs here: this is what can be checked without an engine (ADR 0025).
 */
class ComposeStackTest {

    /** The mail ports an MSSanté operator publishes, and the node setting of the listener behind each. */
    static final Map<Integer, String> MAIL_PORTS = Map.of(
            25, "MSSANTE_SMTP_PORT",
            587, "MSSANTE_SUBMISSION_PORT",
            465, "MSSANTE_SMTPS_PORT",
            143, "MSSANTE_IMAP_PORT",
            993, "MSSANTE_IMAPS_PORT");

    /** WildFly's HTTP listener in the image (standalone-full.xml's default, EXPOSEd by the Dockerfile). */
    static final int NODE_HTTP_PORT = 8080;

    /** The monitoring files (ADR 0026) that the stack mounts, by these exact paths. */
    static final Set<String> MONITORING_FILES = Set.of(
            "prometheus/prometheus.yml",
            "prometheus/alerts.yml",
            "alertmanager/alertmanager.yml",
            "grafana/provisioning",
            "grafana/dashboards");

    static ComposeStack prod;
    static ComposeStack dev;
    static ServerSettings settings;

    @BeforeAll
    static void resolve() throws Exception {
        prod = ComposeStack.resolve("compose.yml");
        dev = ComposeStack.resolve("compose.dev.yml");
        settings = ServerSettings.read();
    }

    @Test
    void productionStackHasTheDatabaseKeycloakTwoNodesTheLoadBalancerAndMonitoring() {
        assertThat(prod.serviceNames()).containsExactlyInAnyOrder("postgres", "keycloak", "wildfly-1", "wildfly-2",
                "haproxy", "prometheus", "node-exporter", "alertmanager", "grafana");
    }

    @Test
    void developmentStackIsInfrastructureOnlyOnTheLoopbackWithTheDevRealms() {
        assertThat(dev.serviceNames()).containsExactlyInAnyOrder("postgres", "keycloak");
        for (String service : dev.serviceNames()) {
            assertThat(dev.ports(service)).allSatisfy(p -> assertThat(p.hostAddress()).isEqualTo("127.0.0.1"));
        }
        assertThat(dev.mounts("keycloak")).extracting(Mount::source)
                .anySatisfy(s -> assertThat(s).endsWith("/keycloak/dev/mssante-users-0.json"))
                .anySatisfy(s -> assertThat(s).endsWith("/keycloak/dev/esante-wallet-realm.json"));
    }

    @Test
    void developmentStackServesWhatTheServersDevelopmentDefaultsExpect() throws Exception {
        String postgresql = Files.readString(Repository.ROOT.resolve("wildfly-config/src/main/cli/10-postgresql.cli"));
        String oidc = Files.readString(Repository.ROOT.resolve("wildfly-config/src/main/cli/70-oidc.cli"));
        Map<String, String> database = dev.environment("postgres");
        assertThat(postgresql).contains("env.MSSANTE_DB_URL:jdbc:postgresql://127.0.0.1:5432/mssante}")
                .contains("env.MSSANTE_DB_USER:mssante_app}")
                .contains("env.MSSANTE_DB_PASSWORD:" + database.get("MSSANTE_DB_PASSWORD") + "}")
                .contains("env.MSSANTE_DB_OWNER_USER:mssante}")
                .contains("env.MSSANTE_DB_OWNER_PASSWORD:" + database.get("MSSANTE_DB_OWNER_PASSWORD") + "}");
        assertThat(dev.ports("postgres")).containsExactly(new Port("127.0.0.1", 5432, 5432));

        assertThat(oidc).contains("env.MSSANTE_OIDC_PROVIDER_URL:http://127.0.0.1:8180/auth/realms/mssante}");
        assertThat(dev.ports("keycloak")).containsExactly(new Port("127.0.0.1", 8180, 8180));
        assertThat(String.valueOf(dev.service("keycloak").get("command")))
                .contains("--http-port=8180", "--http-relative-path=/auth");
    }

    @Test
    void nodesAcceptTokensOfTheOperatorRealmOfTheStacksKeycloak() throws Exception {
        String realm = Files.readString(Repository.DOCKER.resolve("keycloak/mssante-realm.json"));
        assertThat(realm).containsPattern("\"realm\"\\s*:\\s*\"mssante\"");
        String keycloakImage = Files.readString(Repository.DOCKER.resolve("keycloak/Dockerfile"));
        assertThat(keycloakImage).contains("KC_HTTP_RELATIVE_PATH=/auth");
        String publicHost = prod.environment("keycloak").get("KC_HOSTNAME");
        for (String node : nodes()) {
            Map<String, String> environment = prod.environment(node);
            assertThat(environment.get("MSSANTE_OIDC_PROVIDER_URL")).isEqualTo("http://keycloak:8080/auth/realms/mssante");
            assertThat(environment.get("MSSANTE_OIDC_ISSUER")).isEqualTo(publicHost + "/realms/mssante");
            assertThat(environment.get("MSSANTE_OIDC_JWKS_URL"))
                    .startsWith(environment.get("MSSANTE_OIDC_PROVIDER_URL") + "/protocol/openid-connect/certs");
        }
        HaproxyConfig haproxy = HaproxyConfig.read(Repository.DOCKER.resolve("haproxy/haproxy.cfg"));
        assertThat(haproxy.servers("keycloak")).extracting(Server::host, Server::port)
                .containsExactly(Tuple.tuple("keycloak", 8080));
    }

    @Test
    void productionStackImportsNoDevelopmentRealm() throws Exception {
        assertThat(prod.mounts("keycloak")).isEmpty();
        Path[] build = prod.build("keycloak");
        String ignored = Files.readString(build[0].resolve("Dockerfile.dockerignore"));
        assertThat(ignored.lines()).contains("dev");
        assertThat(Files.readAllLines(build[1])).filteredOn(l -> l.startsWith("COPY"))
                .isNotEmpty().noneSatisfy(l -> assertThat(l).contains("dev"));
    }

    @Test
    void productionStackRefusesToResolveWithoutItsSecrets() throws Exception {
        Path empty = Files.createTempFile("empty", ".env");
        try {
            Command.Result result = Command.run(Repository.DOCKER, ComposeStack.DOCKER_COMPOSE, "-f", "compose.yml",
                    "--env-file", empty.toString(), "config", "-q");
            assertThat(result.exitCode()).isNotZero();
            assertThat(result.output()).containsPattern("set [A-Z_]+ in \\.env");
        } finally {
            Files.delete(empty);
        }
    }

    @Test
    void everyMountedFileAndBuildContextExists() {
        for (ComposeStack stack : List.of(prod, dev)) {
            for (String service : stack.serviceNames()) {
                for (Mount mount : stack.mounts(service)) {
                    if (!mount.bind()) {
                        continue;
                    }
                    Path source = Path.of(mount.source());
                    assertThat(source).as("%s mounts %s", service, Repository.DOCKER.relativize(source)).exists();
                }
                Path[] build = stack.build(service);
                if (build != null) {
                    assertThat(build[0]).as("build context of %s", service).isDirectory();
                    assertThat(build[1]).as("Dockerfile of %s", service).isRegularFile();
                }
            }
        }
    }

    @Test
    void monitoringMountsTheFilesTheObservabilityWorkWrites() {
        Set<String> mounted = new TreeSet<>();
        for (String service : List.of("prometheus", "alertmanager", "grafana")) {
            prod.mounts(service).stream().filter(Mount::bind)
                    .forEach(m -> mounted.add(Repository.DOCKER.relativize(Path.of(m.source())).toString()));
        }
        assertThat(mounted).containsAll(MONITORING_FILES);
    }

    /** Prometheus scrapes each node's management port at the path the Kubernetes pods announce. */
    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesTheManagementPortOfEveryNode() throws Exception {
        Map<String, Object> config = new Yaml().load(
                Files.readString(Repository.DOCKER.resolve("prometheus/prometheus.yml")));
        Map<String, Object> wildfly = ((List<Map<String, Object>>) config.get("scrape_configs")).stream()
                .filter(job -> ((List<Map<String, Object>>) job.get("static_configs")).stream()
                        .flatMap(c -> ((List<String>) c.get("targets")).stream())
                        .anyMatch(t -> t.startsWith("wildfly-")))
                .findFirst().orElseThrow(() -> new AssertionError("no scrape job targets the WildFly nodes"));
        List<String> targets = ((List<Map<String, Object>>) wildfly.get("static_configs")).stream()
                .flatMap(c -> ((List<String>) c.get("targets")).stream()).toList();
        assertThat(targets).containsExactlyInAnyOrderElementsOf(nodes().stream().map(n -> n + ":9990").toList());
        String statefulSet = Files.readString(Repository.DOCKER.resolve("kubernetes/base/statefulset.yaml"));
        assertThat(statefulSet).contains("prometheus.io/port: \"9990\"")
                .contains("prometheus.io/path: " + wildfly.getOrDefault("metrics_path", "/metrics"));
    }

    @Test
    void loadBalancerPublishesTheMailPortsAndHttpsAndReachesEveryNodesListeners() throws Exception {
        HaproxyConfig haproxy = HaproxyConfig.read(Repository.DOCKER.resolve("haproxy/haproxy.cfg"));
        List<Integer> published = prod.ports("haproxy").stream().map(Port::published).sorted().toList();
        assertThat(published).containsExactly(25, 80, 143, 443, 465, 587, 993);
        assertThat(prod.ports("haproxy")).allSatisfy(p -> assertThat(p.target()).isEqualTo(p.published()));
        assertThat(haproxy.boundPorts()).containsExactlyInAnyOrderElementsOf(published);

        String dockerfile = Files.readString(Repository.DOCKER.resolve("wildfly/Dockerfile"));
        List<String> nodes = nodes();
        MAIL_PORTS.forEach((port, setting) -> {
            List<Server> servers = haproxy.servers(haproxy.frontendBinding(port).defaultBackend());
            assertThat(servers).extracting(Server::host).as("nodes behind port %d", port)
                    .containsExactlyInAnyOrderElementsOf(nodes);
            for (Server server : servers) {
                String listener = prod.environment(server.host()).get(setting);
                assertThat(listener).as("%s of %s", setting, server.host()).isNotBlank();
                assertThat(server.port()).as("HAProxy port %d to %s", port, server.host())
                        .isEqualTo(Integer.parseInt(listener));
                assertThat(server.options()).as("port %d to %s", port, server.host()).contains("send-proxy-v2");
                assertThat(dockerfile).containsPattern("EXPOSE .*\\b" + listener + "\\b");
            }
        });
        List<Server> web = haproxy.servers(haproxy.frontendBinding(443).defaultBackend());
        assertThat(web).extracting(Server::host).containsExactlyInAnyOrderElementsOf(nodes);
        assertThat(web).allSatisfy(s -> assertThat(s.port()).isEqualTo(NODE_HTTP_PORT));
        assertThat(dockerfile).containsPattern("EXPOSE .*\\b" + NODE_HTTP_PORT + "\\b");
    }

    @Test
    void nodesTrustTheProxyProtocolFromTheLoadBalancerOnly() {
        String balancer = prod.ipv4Address("haproxy", "backend");
        assertThat(balancer).isNotNull();
        for (String node : nodes()) {
            assertThat(prod.environment(node).get("MSSANTE_PROXY_TRUSTED")).isEqualTo(balancer + "/32");
        }
    }

    @Test
    void clusterNodesNameEachOtherAsPeers() {
        List<String> nodes = nodes();
        assertThat(nodes).containsExactlyInAnyOrder("wildfly-1", "wildfly-2");
        Set<String> nodeIds = new TreeSet<>();
        for (String node : nodes) {
            Map<String, String> environment = prod.environment(node);
            assertThat(environment.get("WILDFLY_SERVER_CONFIG")).isEqualTo("standalone-full-cluster.xml");
            String peer = environment.get("MSSANTE_CLUSTER_PEER_HOST");
            assertThat(peer).isIn(nodes).isNotEqualTo(node);
            assertThat(Integer.parseInt(environment.get("MSSANTE_CLUSTER_PEER_PORT"))).isEqualTo(NODE_HTTP_PORT);
            nodeIds.add(environment.get("MSSANTE_NODE_ID"));
            assertThat(environment.get("MSSANTE_MODE")).isEqualTo("production");
        }
        assertThat(nodeIds).hasSameSizeAs(nodes);
    }

    @Test
    void everyVariableGivenToAServiceIsOneItsSoftwareReads() throws Exception {
        String realms = Files.readString(Repository.DOCKER.resolve("keycloak/mssante-realm.json"))
                + Files.readString(Repository.DOCKER.resolve("keycloak/dev/esante-wallet-realm.json"));
        String databaseInit = Files.readString(Repository.DOCKER.resolve("postgres/init/10-mssante-databases.sh"));
        String entrypoint = Files.readString(Repository.DOCKER.resolve("wildfly/entrypoint.sh"));
        for (ComposeStack stack : List.of(prod, dev)) {
            for (String service : stack.serviceNames()) {
                for (String variable : stack.environment(service).keySet()) {
                    if (service.startsWith("wildfly-") && variable.startsWith("MSSANTE_")) {
                        assertThat(settings.readsEnvironment(variable)).as("%s on %s: read by the server", variable,
                                service).isTrue();
                    } else if (service.startsWith("wildfly-")) {
                        assertThat(entrypoint).as("%s on %s: read by entrypoint.sh", variable, service)
                                .contains(variable);
                    } else if (service.equals("keycloak") && variable.startsWith("MSSANTE_")) {
                        assertThat(realms).as("%s on keycloak: a realm placeholder", variable)
                                .containsPattern("\\$\\{" + variable + "[:}]");
                    } else if (service.equals("postgres") && !variable.startsWith("POSTGRES_")) {
                        assertThat(databaseInit).as("%s on postgres: used by the init script", variable)
                                .contains("$" + variable);
                    }
                }
            }
        }
    }

    @Test
    void environmentExampleDeclaresExactlyTheVariablesTheComposeFilesUse() throws Exception {
        Pattern reference = Pattern.compile("\\$\\{([A-Z0-9_]+)");
        Set<String> used = new TreeSet<>();
        for (String file : List.of("compose.yml", "compose.dev.yml")) {
            Matcher m = reference.matcher(Files.readString(Repository.DOCKER.resolve(file)));
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        Set<String> declared = new TreeSet<>();
        for (String line : Files.readAllLines(Repository.DOCKER.resolve(".env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                declared.add(line.substring(0, line.indexOf('=')));
            }
        }
        assertThat(declared).containsExactlyInAnyOrderElementsOf(used);
    }

    @Test
    void aMisspeltServerVariableIsNotOneTheServerReads() {
        assertThat(settings.readsEnvironment("MSSANTE_DB_PASSWORD")).isTrue();
        assertThat(settings.readsEnvironment("MSSANTE_SMTP_PORT")).isTrue();
        assertThat(settings.readsEnvironment("MSSANTE_DB_PASWORD")).isFalse();
        assertThat(settings.readsEnvironment("MSSANTE_SMTP_PORTS")).isFalse();
        assertThat(settings.readsEnvironment("MSSANTE_TLS_PRIVATEKEY")).isFalse();
    }

    private static List<String> nodes() {
        return prod.serviceNames().stream().filter(s -> prod.environment(s).containsKey("WILDFLY_SERVER_CONFIG"))
                .toList();
    }
}
