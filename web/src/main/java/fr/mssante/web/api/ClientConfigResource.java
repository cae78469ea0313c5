package fr.mssante.web.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/v1/config}: what a browser page needs to start keycloak-js (Keycloak base URL,
 * realm, public client), derived from the OIDC provider URL WildFly is given
 * ({@code mssante.oidc.provider-url}, e.g. {@code http://127.0.0.1:8180/auth/realms/mssante}) so the
 * pages carry no environment-specific URL. Public information: no authentication.
 */
@RequestScoped
@Path("api/v1/config")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "configuration", description = "What browser pages need to find Keycloak (public)")
public class ClientConfigResource {

    private static final String REALMS = "/realms/";

    /** The contract of the self-service page. */
    public record ClientConfig(String keycloakUrl, String realm, String clientId) {
    }

    @Operation(summary = "Keycloak URL, realm and client id for the console and self-service pages")
    @GET
    public ClientConfig config() {
        String provider = System.getProperty("mssante.oidc.provider-url", "http://127.0.0.1:8180/auth/realms/mssante");
        int at = provider.lastIndexOf(REALMS);
        if (at < 0) {
            throw new IllegalStateException("mssante.oidc.provider-url is not a Keycloak realm URL: " + provider);
        }
        return new ClientConfig(provider.substring(0, at), provider.substring(at + REALMS.length()),
                System.getProperty("mssante.oidc.console-client-id", "mssante-console"));
    }
}
