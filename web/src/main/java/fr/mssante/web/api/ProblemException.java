package fr.mssante.web.api;

import jakarta.ws.rs.core.Response;

/** Thrown by resources to answer with a problem document. */
public class ProblemException extends RuntimeException {

    private final Response.Status status;

    public ProblemException(Response.Status status, String detail) {
        super(detail);
        this.status = status;
    }

    public Response.Status status() {
        return status;
    }
}
