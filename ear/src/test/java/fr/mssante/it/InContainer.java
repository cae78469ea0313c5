package fr.mssante.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** What the Arquillian tests running inside WildFly, next to the deployed EAR, have in common. */
final class InContainer {

    /** Global JNDI prefix of the EAR's EJB module. */
    static final String EJB = "java:global/mssante/mssante-ejb/";

    private InContainer() {
    }

    /**
     * A test WAR that sees the EAR's EJB module and the connector API from its separate deployment, with
     * the helpers in-container tests share.
     */
    static WebArchive war(String name, Class<?> test) {
        return ShrinkWrap.create(WebArchive.class, name)
                .addClasses(test, TestMessages.class)
                .addAsManifestResource(new StringAsset("Dependencies: deployment.mssante.ear.mssante-ejb.jar,"
                        + " deployment.mssante.ear.mssante-connector.rar\n"), "MANIFEST.MF");
    }
}
