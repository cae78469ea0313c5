package fr.mssante.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The deployment folder holds what production imports: the Keycloak realm without users. */
class DeploymentFilesTest {

    static final Path DOCKER = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

    @Test
    void productionRealmImportDeclaresNoUsers() throws Exception {
        String realm = Files.readString(DOCKER.resolve("keycloak/mssante-realm.json"));
        assertThat(realm).doesNotContain("\"users\"");
    }
}
