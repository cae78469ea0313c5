package fr.mssante.ejb.tenant;

import jakarta.ejb.ApplicationException;

/**
 * A request field that is not acceptable as it is, with the field's name so that the API can say which
 * one (problem+json {@code errors[]}). Application exception: reaches the caller unwrapped and rolls back.
 */
@ApplicationException(rollback = true)
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The reason alone, without the field name. */
    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}
