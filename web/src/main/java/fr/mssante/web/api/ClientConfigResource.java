package fr.mssante.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Where the browser pages find Keycloak: public, so that the page can start the login. Derived from
 * the same {@code mssante.oidc.provider-url} the server validates tokens against.
 */
@RequestScoped
@Path("api/v1/config")
@Produces(MediaType.APPLICATION_JSON)
public class ClientConfigResource {

    /** What keycloak-js needs. */
    public record ClientConfig(String keycloakUrl, String realm, String clientId) {
    }

    private static final String REALMS = "/realms/";

    @GET
    public ClientConfig get() {
        String provider = System.getProperty("mssante.oidc.provider-url", "http://127.0.0.1:8180/auth/realms/mssante");
        int realmsAt = provider.lastIndexOf(REALMS);
        return new ClientConfig(provider.substring(0, realmsAt), provider.substring(realmsAt + REALMS.length()),
                System.getProperty("mssante.oidc.console-client", "mssante-console"));
    }
}
