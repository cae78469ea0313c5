package fr.mssante.web.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Until OIDC authentication is in place, the {@code /api} endpoints are unauthenticated and so only
 * served in dev mode ({@code -Dmssante.dev-mode=true}); every response says so in a header. Outside dev
 * mode they answer 403 with an explanation.
 */
@Provider
public class DevModeGate implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String HEADER = "X-MSSante-Dev-Mode";

    static boolean devMode() {
        return Boolean.getBoolean("mssante.dev-mode");
    }

    /**
     * RESTEasy gives the path with or without the leading slash depending on the request. The client
     * configuration (Keycloak URL, realm, client id) is public and served in every mode.
     */
    private static boolean isApi(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return relative.startsWith("api/") && !relative.equals(ClientConfigResource.PATH);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (isApi(request) && !devMode()) {
            request.abortWith(Problem.response(Response.Status.FORBIDDEN,
                    "the REST API is unauthenticated in this version and is only enabled in dev mode "
                            + "(-Dmssante.dev-mode=true)", request.getUriInfo().getRequestUri().getPath()));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (devMode() && isApi(request)) {
            response.getHeaders().putSingle(HEADER, "unauthenticated API, for development only");
        }
    }
}
