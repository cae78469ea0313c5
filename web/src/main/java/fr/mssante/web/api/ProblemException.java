package fr.mssante.web.api;

import jakarta.ws.rs.core.Response;

import java.util.List;

/** Thrown by resources to answer with a problem document. */
public class ProblemException extends RuntimeException {

    private final Response.Status status;
    private final List<Problem.FieldError> errors;

    public ProblemException(Response.Status status, String detail) {
        this(status, detail, null);
    }

    private ProblemException(Response.Status status, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.errors = errors;
    }

    /** A 400 naming the request field at fault, for forms to show the message beside the field. */
    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(Response.Status.BAD_REQUEST, field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    /** A 400 naming every field at fault. */
    public static ProblemException invalidFields(List<Problem.FieldError> errors) {
        return new ProblemException(Response.Status.BAD_REQUEST, errors.stream()
                .map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse("invalid request"),
                List.copyOf(errors));
    }

    public Response.Status status() {
        return status;
    }

    /** The fields at fault, null when the refusal is not about a field. */
    public List<Problem.FieldError> errors() {
        return errors;
    }
}
