package fr.mssante.web.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** RFC 9457 problem details, the body of every error response of the API. */
public record Problem(String type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    public static Problem of(Response.Status status, String detail, String instance) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, instance);
    }

    public static Response response(Response.Status status, String detail, String instance) {
        return Response.status(status).type(PROBLEM_JSON).entity(of(status, detail, instance)).build();
    }
}
