package fr.mssante.web.api;

import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.InputStream;

/**
 * The interactive API page at {@code /api/}: Swagger UI (webapp {@code api-docs/}) over the OpenAPI
 * document at {@code /api/v1/openapi}. Public (web.xml); the page holds no secret.
 */
@Path("api")
public class ApiPageResource {

    @Context
    private ServletContext servlet;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public InputStream page() {
        return servlet.getResourceAsStream("/api-docs/index.html");
    }
}
