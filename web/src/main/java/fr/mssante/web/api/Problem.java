package fr.mssante.web.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * RFC 9457 problem details, the body of every error response of the API. {@code errors} is the
 * extension member (RFC 9457 section 3.2) that names each request field at fault; absent otherwise.
 */
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    /** One field of the request and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    public static Response response(Response.Status status, String detail, String instance) {
        return response(status, detail, instance, null);
    }

    public static Response response(Response.Status status, String detail, String instance, List<FieldError> errors) {
        return Response.status(status).type(PROBLEM_JSON)
                .entity(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, instance, errors))
                .build();
    }
}
