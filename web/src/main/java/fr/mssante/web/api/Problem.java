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

    /** RFC 9110 section 15.5.21; JAX-RS 3.1 has no constant for it. */
    public static final Response.StatusType UNPROCESSABLE_CONTENT = new Response.StatusType() {
        @Override
        public int getStatusCode() {
            return 422;
        }

        @Override
        public Response.Status.Family getFamily() {
            return Response.Status.Family.CLIENT_ERROR;
        }

        @Override
        public String getReasonPhrase() {
            return "Unprocessable Content";
        }
    };

    public static Response response(Response.StatusType status, String detail, String instance) {
        return response(status, detail, instance, null);
    }

    public static Response response(Response.StatusType status, String detail, String instance, List<FieldError> errors) {
        return Response.status(status).type(PROBLEM_JSON)
                .entity(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, instance, errors))
                .build();
    }
}
