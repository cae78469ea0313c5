package fr.mssante.it;

import fr.mssante.devstack.Directories;
import fr.mssante.devstack.LocalPlatform;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the real platform once for the whole test run, before any test class (Arquillian's included)
 * and stops it at the end: a private PostgreSQL, Keycloak with the realm files of docker/keycloak and a
 * freshly prepared WildFly with the built EAR, on free loopback ports. Registered through META-INF/services.
 */
public class PlatformSession implements TestExecutionListener {

    private static KeycloakClient keycloak;

    /** Arquillian (arquillian.xml) connects to the running server through this management port. */
    public static final String MANAGEMENT_PORT_PROPERTY = "mssante.it.management.port";

    private static LocalPlatform platform;
    private static RuntimeException startFailure;

    static synchronized LocalPlatform platform() {
        if (startFailure != null) {
            throw startFailure;
        }
        if (platform == null) {
            throw new IllegalStateException("the platform is started by PlatformSession: run the tests through Maven");
        }
        return platform;
    }

    /** The run's Keycloak (realms mssante and esante-wallet): admin API and access tokens. */
    static synchronized KeycloakClient keycloak() {
        if (keycloak == null) {
            keycloak = new KeycloakClient(platform().keycloak());
        }
        return keycloak;
    }

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
        if (System.getProperty("mssante.ear") == null) {
            return; // not an integration-test run (e.g. an IDE running a unit test)
        }
        try {
            Path workDir = Path.of(System.getProperty("mssante.it.workdir", "target/it-platform"));
            Directories.delete(workDir);
            Files.createDirectories(workDir);
            LocalPlatform.Settings first = LocalPlatform.forTests(
                    Path.of(System.getProperty("mssante.server.template")),
                    Path.of(System.getProperty("mssante.ear")),
                    Path.of(System.getProperty("mssante.keycloak.distribution")),
                    Path.of(System.getProperty("mssante.keycloak.realms")), workDir);
            // Clustered with a second node that ClusterIdleIT starts and stops; until then the first
            // node's broker waits for its peer (a retry every few seconds, quietly).
            LocalPlatform started = new LocalPlatform(first, LocalPlatform.secondNodeForTests(first));
            platform = started;
            started.start();
            System.setProperty(MANAGEMENT_PORT_PROPERTY, Integer.toString(started.settings().managementPort()));
            loadWhitelist(started);
        } catch (Exception e) {
            startFailure = new IllegalStateException("could not start the platform for the integration tests", e);
        }
    }

    /**
     * A new installation fetches the whitelist 5 s after deployment and until then answers peers 451
     * (MxPeerRule); a test class that runs first must not depend on that timer: fetch it now, as an
     * operator would.
     */
    private static void loadWhitelist(LocalPlatform started) throws Exception {
        RestClient.Reply refreshed = RestClient.asOperator(started).post("/api/v1/whitelist/refresh", "");
        if (refreshed.status() != 200) {
            throw new IllegalStateException("whitelist refresh answered " + refreshed.status() + ": " + refreshed.body());
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        if (platform != null) {
            try {
                platform.close();
            } catch (Exception e) {
                System.err.println("platform stop failed: " + e);
            }
            platform = null;
        }
    }
}
