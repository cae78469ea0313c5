package fr.mssante.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS root: {@code /health} and {@code /api/v1/...} at the root context of the web module. */
@ApplicationPath("/")
public class RestApplication extends Application {
}
