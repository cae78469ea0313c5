package fr.mssante.web.api;

import fr.mssante.web.health.HealthChecks;
import fr.mssante.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The health checks in detail, for the operator's staff only: each check's state and error, the schema
 * version, the delivery queue's depth, the whitelist's age and last fetch. The public {@code /health}
 * says UP or DOWN only (ADR 0022). Same verdict and status code as the public probe.
 */
@RequestScoped
@RolesAllowed(Roles.OPERATOR_ADMIN)
@Path("api/v1/health")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "health", description = "The platform's health checks in detail (operator only)")
public class HealthDetailsResource {

    @Inject
    private HealthChecks checks;

    @GET
    @Operation(summary = "Health checks in detail: database, broker and delivery queue, whitelist",
            description = "200 when the database and the broker answer, 503 otherwise; the whitelist is reported, not required")
    public Response health() {
        HealthChecks.Report report = checks.run();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.status());
        body.put("checks", report.checks());
        return Response.status(report.httpStatus()).entity(body).build();
    }
}
