package fr.mssante.ejb.admin;

/**
 * A resource with the version its ETag is made of (RFC 7232 section 2.3): the version column of the
 * row, raised by JPA on every change, so that two representations share an ETag only if nothing
 * changed in between.
 */
public record Versioned<T>(T value, long version) {

    /** A strong entity tag: the version, quoted. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
