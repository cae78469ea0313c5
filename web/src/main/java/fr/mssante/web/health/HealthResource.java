package fr.mssante.web.health;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * {@code GET /health}, public for load balancers and orchestrators: {@code {"status":"UP"}} with 200, or
 * {@code {"status":"DOWN"}} with 503, and nothing else. Exception messages, schema version, queue depth
 * and whitelist state tell an outsider how the platform is built and what is failing: they are the
 * operator's, at {@code GET /api/v1/health} (ADR 0022).
 */
@RequestScoped
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    @Inject
    private HealthChecks checks;

    @GET
    public Response health() {
        HealthChecks.Report report = checks.run();
        return Response.status(report.httpStatus()).entity(Map.of("status", report.status())).build();
    }
}
