package fr.mssante.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dashboards Grafana provisions at start: JSON it accepts (a unique uid, panels on the grid, each
 * query on the provisioned Prometheus datasource), found where the provisioning file says.
 */
class GrafanaDashboardsTest {

    private static final Path GRAFANA = DeploymentFilesTest.DOCKER.resolve("grafana");

    @Test
    void everyDashboardIsProvisionableJsonOnThePrometheusDatasource() throws Exception {
        String datasources = Files.readString(GRAFANA.resolve("provisioning/datasources/prometheus.yml"));
        assertThat(datasources).contains("uid: prometheus", "type: prometheus", "url: http://prometheus:9090");
        Set<String> uids = new HashSet<>();
        List<Path> dashboards = dashboards();
        assertThat(dashboards).hasSizeGreaterThanOrEqualTo(3);
        for (Path file : dashboards) {
            JsonObject dashboard = read(file);
            assertThat(uids.add(dashboard.getString("uid"))).as("uid of " + file + " unique").isTrue();
            assertThat(dashboard.getString("title")).isNotBlank();
            assertThat(dashboard.getJsonArray("panels")).as(file + " panels").isNotEmpty();
            Set<Integer> ids = new HashSet<>();
            for (JsonValue value : dashboard.getJsonArray("panels")) {
                JsonObject panel = value.asJsonObject();
                String where = file.getFileName() + " panel " + panel.getString("title");
                assertThat(ids.add(panel.getInt("id"))).as(where + ": unique id").isTrue();
                JsonObject grid = panel.getJsonObject("gridPos");
                assertThat(grid.getInt("x") + grid.getInt("w")).as(where + " fits the 24-column grid").isLessThanOrEqualTo(24);
                assertThat(panel.getJsonObject("datasource").getString("uid")).as(where).isEqualTo("prometheus");
                assertThat(panel.getJsonArray("targets")).as(where + " queries").isNotEmpty();
                for (JsonValue target : panel.getJsonArray("targets")) {
                    assertThat(target.asJsonObject().getString("expr")).as(where).isNotBlank();
                }
            }
        }
    }

    @Test
    void theProvisioningFileReadsTheFolderComposeMounts() throws Exception {
        assertThat(Files.readString(GRAFANA.resolve("provisioning/dashboards/mssante.yml")))
                .contains("path: /var/lib/grafana/dashboards");
    }

    private static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(GRAFANA.resolve("dashboards"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static JsonObject read(Path file) throws IOException {
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(file))) {
            return reader.readObject();
        }
    }
}
