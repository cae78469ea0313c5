package fr.mssante.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** JAX-RS root: {@code /health} and {@code /api/v1/...} at the root context of the web module. */
@ApplicationPath("/")
@OpenAPIDefinition(info = @Info(title = "MSSanté operator admin API", version = "1",
        description = "docs/api/admin-api-v1.md; errors are RFC 9457 problems with errors[] per field"),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An access token of the mssante Keycloak realm (audience mssante-api)")
public class RestApplication extends Application {
}
