package fr.mssante.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/kubernetes as {@code kubectl kustomize} builds it (offline), every document checked against the
 * Kubernetes API schema (KubernetesSchema), and the wiring between the documents: the StatefulSet's
 * headless service, probes on /health, the mail ports, the references to Secrets and ConfigMaps.
 */
class KubernetesManifestsTest {

    static final String KUBECTL = "/usr/bin/kubectl";
    static final Path KUBERNETES = Repository.DOCKER.resolve("kubernetes");

    static List<Map<String, Object>> prod;
    static List<Map<String, Object>> base;

    @BeforeAll
    static void build() throws Exception {
        prod = kustomize("overlays/prod");
        base = kustomize("base");
    }

    static List<Map<String, Object>> kustomize(String folder) throws Exception {
        return documents(Command.succeed(KUBERNETES, KUBECTL, "kustomize", folder));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(yaml)) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    static List<Map<String, Object>> secretTemplates() throws Exception {
        List<Map<String, Object>> templates = new ArrayList<>();
        try (Stream<Path> files = Files.list(KUBERNETES.resolve("secrets"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".template.yaml")).sorted().toList()) {
                templates.addAll(documents(Files.readString(file)));
            }
        }
        return templates;
    }

    @Test
    void everyDocumentOfBothBuildsAndEverySecretTemplateConformsToTheKubernetesSchema() throws Exception {
        List<Map<String, Object>> all = new ArrayList<>(prod);
        all.addAll(base);
        all.addAll(secretTemplates());
        List<String> violations = all.stream().map(KubernetesSchema::violation).flatMap(Optional::stream).toList();
        assertThat(violations).isEmpty();
        assertThat(prod).extracting(d -> d.get("kind")).contains("StatefulSet", "Service", "Ingress",
                "PodDisruptionBudget", "NetworkPolicy", "ConfigMap", "Namespace");
    }

    @Test
    void aMisspeltFieldFailsTheSchemaCheck() throws Exception {
        Map<String, Object> broken = documents(Files.readString(
                Repository.DOCKER.resolve("src/test/resources/broken/statefulset-misspelt-field.yaml"))).get(0);
        assertThat(KubernetesSchema.violation(broken)).hasValueSatisfying(v -> assertThat(v).contains("contaners"));
    }

    @Test
    void aMisspeltFieldDeepInTheRealStatefulSetFailsTheSchemaCheck() {
        Map<String, Object> statefulSet = the("StatefulSet", prod);
        Map<String, Object> container = container(statefulSet);
        Object probe = container.remove("readinessProbe");
        container.put("readinessprobe", probe);
        try {
            assertThat(KubernetesSchema.violation(statefulSet)).hasValueSatisfying(v ->
                    assertThat(v).contains("readinessprobe"));
        } finally {
            container.remove("readinessprobe");
            container.put("readinessProbe", probe);
        }
    }

    @Test
    void aKindUnderTheWrongApiGroupFailsTheSchemaCheck() {
        Map<String, Object> ingress = new java.util.LinkedHashMap<>(the("Ingress", prod));
        ingress.put("apiVersion", "extensions/v1beta1");
        assertThat(KubernetesSchema.violation(ingress)).isPresent();
    }

    @Test
    void prodRunsThreeNodesInItsNamespaceFromTheReleaseImage() {
        Map<String, Object> statefulSet = the("StatefulSet", prod);
        assertThat(get(statefulSet, "spec", "replicas")).isEqualTo(3);
        assertThat(container(statefulSet).get("image").toString()).endsWith("/mssante/wildfly:0.1.0");
        for (Map<String, Object> document : prod) {
            if (!"Namespace".equals(document.get("kind"))) {
                assertThat(get(document, "metadata", "namespace")).as("%s", document.get("kind")).isEqualTo("mssante");
            }
        }
    }

    @Test
    void theStatefulSetsHeadlessServiceGivesEachPodTheDnsNameItsPeersUse() {
        Map<String, Object> statefulSet = the("StatefulSet", prod);
        String serviceName = get(statefulSet, "spec", "serviceName").toString();
        Map<String, Object> headless = named("Service", serviceName, prod);
        assertThat(get(headless, "spec", "clusterIP")).isEqualTo("None");
        assertThat(get(headless, "spec", "publishNotReadyAddresses")).isEqualTo(true);
        assertThat(podLabels(statefulSet)).containsAllEntriesOf(map(get(headless, "spec", "selector")));
        Map<String, Object> config = named("ConfigMap", "mssante-config", prod);
        assertThat(get(config, "data", "WILDFLY_PEER_SERVICE")).isEqualTo(serviceName);
        assertThat(get(config, "data", "WILDFLY_SERVER_CONFIG")).isEqualTo("standalone-full-cluster.xml");
    }

    @Test
    void theClusterSizeTheEntrypointIsToldIsTheStatefulSetsReplicas() {
        for (List<Map<String, Object>> build : List.of(base, prod)) {
            Object replicas = get(the("StatefulSet", build), "spec", "replicas");
            assertThat(get(named("ConfigMap", "mssante-config", build), "data", "WILDFLY_CLUSTER_SIZE"))
                    .isEqualTo(String.valueOf(replicas));
        }
    }

    @Test
    void probesAskThePublicHealthOnTheHttpPort() {
        Map<String, Object> container = container(the("StatefulSet", prod));
        for (String probe : List.of("startupProbe", "readinessProbe")) {
            assertThat(get(container, probe, "httpGet", "path")).as(probe).isEqualTo("/health");
            assertThat(containerPort(container, get(container, probe, "httpGet", "port").toString()))
                    .isEqualTo(ComposeStackTest.NODE_HTTP_PORT);
        }
        assertThat(map(get(container, "resources", "requests"))).containsKeys("cpu", "memory");
        assertThat(map(get(container, "resources", "limits"))).containsKey("memory");
    }

    @Test
    void mailServicePublishesTheMailPortsToTheListenersTheNodesAreConfiguredWith() {
        Map<String, Object> mail = named("Service", "mssante-mail", prod);
        assertThat(get(mail, "spec", "type")).isEqualTo("LoadBalancer");
        assertThat(map(get(mail, "metadata", "annotations")))
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-proxy-protocol", "*");
        Map<String, Object> container = container(the("StatefulSet", prod));
        Map<String, Object> config = named("ConfigMap", "mssante-config", prod);
        List<Map<String, Object>> ports = list(get(mail, "spec", "ports"));
        assertThat(ports).extracting(p -> p.get("port")).containsExactlyInAnyOrder(25, 587, 465, 143, 993);
        for (Map<String, Object> port : ports) {
            int published = (Integer) port.get("port");
            int target = containerPort(container, port.get("targetPort").toString());
            String setting = ComposeStackTest.MAIL_PORTS.get(published);
            assertThat(get(config, "data", setting)).as("%s for port %d", setting, published)
                    .isEqualTo(Integer.toString(target));
        }
        assertThat(get(config, "data", "MSSANTE_PROXY_TRUSTED").toString()).isNotBlank();
    }

    @Test
    void everyReferencedSecretHasATemplateAndEveryConfigMapIsBuilt() throws Exception {
        List<String> templates = secretTemplates().stream().map(d -> get(d, "metadata", "name").toString()).toList();
        Map<String, Object> statefulSet = the("StatefulSet", prod);
        Map<String, Object> container = container(statefulSet);
        for (Map<String, Object> source : list(container.get("envFrom"))) {
            if (source.containsKey("secretRef")) {
                assertThat(templates).contains(get(source, "secretRef", "name").toString());
            } else {
                named("ConfigMap", get(source, "configMapRef", "name").toString(), prod);
            }
        }
        for (Map<String, Object> volume : list(get(statefulSet, "spec", "template", "spec", "volumes"))) {
            if (volume.containsKey("secret")) {
                assertThat(templates).contains(get(volume, "secret", "secretName").toString());
            }
        }
        for (Map<String, Object> tls : list(get(the("Ingress", prod), "spec", "tls"))) {
            assertThat(templates).contains(tls.get("secretName").toString());
        }
    }

    @Test
    void everyVariableGivenToTheNodesIsOneTheServerOrTheImageReads() throws Exception {
        ServerSettings settings = ServerSettings.read();
        String entrypoint = Files.readString(Repository.DOCKER.resolve("wildfly/entrypoint.sh"));
        List<String> variables = new ArrayList<>(map(get(named("ConfigMap", "mssante-config", prod), "data")).keySet());
        for (Map<String, Object> template : secretTemplates()) {
            if ("mssante-secrets".equals(get(template, "metadata", "name"))) {
                variables.addAll(map(template.get("stringData")).keySet());
            }
        }
        assertThat(variables).contains("MSSANTE_DB_PASSWORD", "MSSANTE_CLUSTER_PASSWORD").allSatisfy(variable -> {
            if (variable.startsWith("MSSANTE_")) {
                assertThat(settings.readsEnvironment(variable)).as("%s is read by the server", variable).isTrue();
            } else {
                assertThat(entrypoint).as("%s is read by entrypoint.sh", variable).contains(variable);
            }
        });
    }

    @Test
    void disruptionBudgetAndNetworkPolicySelectTheNodes() {
        Map<String, String> labels = podLabels(the("StatefulSet", prod));
        assertThat(labels).containsAllEntriesOf(map(get(the("PodDisruptionBudget", prod), "spec", "selector", "matchLabels")));
        assertThat(get(the("PodDisruptionBudget", prod), "spec", "maxUnavailable")).isEqualTo(1);
        assertThat(labels).containsAllEntriesOf(map(get(the("NetworkPolicy", prod), "spec", "podSelector", "matchLabels")));
    }

    // ------------------------------------------------------------------ navigation in parsed YAML

    static Map<String, Object> the(String kind, List<Map<String, Object>> documents) {
        List<Map<String, Object>> found = documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        assertThat(found).as("documents of kind %s", kind).hasSize(1);
        return found.get(0);
    }

    static Map<String, Object> named(String kind, String name, List<Map<String, Object>> documents) {
        return documents.stream().filter(d -> kind.equals(d.get("kind")) && name.equals(get(d, "metadata", "name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    static Map<String, Object> container(Map<String, Object> statefulSet) {
        return list(get(statefulSet, "spec", "template", "spec", "containers")).get(0);
    }

    static int containerPort(Map<String, Object> container, String nameOrNumber) {
        for (Map<String, Object> port : list(container.get("ports"))) {
            if (nameOrNumber.equals(port.get("name")) || nameOrNumber.equals(String.valueOf(port.get("containerPort")))) {
                return (Integer) port.get("containerPort");
            }
        }
        throw new AssertionError("the container has no port " + nameOrNumber);
    }

    static Map<String, String> podLabels(Map<String, Object> statefulSet) {
        return map(get(statefulSet, "spec", "template", "metadata", "labels"));
    }

    static Object get(Map<String, Object> document, String... path) {
        Object current = document;
        for (String key : path) {
            current = current instanceof Map<?, ?> m ? m.get(key) : null;
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static <V> Map<String, V> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, V>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }
}
