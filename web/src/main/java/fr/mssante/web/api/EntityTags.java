package fr.mssante.web.api;

import fr.mssante.ejb.admin.Versioned;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

/** ETag and If-Match (RFC 7232) over the version a {@link Versioned} resource carries. */
public final class EntityTags {

    /** An If-Match the server never generated: matches no version (RFC 7232 section 3.1 answers 412). */
    static final long NO_VERSION = -1;

    private EntityTags() {
    }

    /** 200 with the representation and its strong ETag. */
    public static Response ok(Versioned<?> resource) {
        return tagged(Response.ok(resource.value()), resource).build();
    }

    public static Response.ResponseBuilder tagged(Response.ResponseBuilder response, Versioned<?> resource) {
        return response.tag(new EntityTag(Long.toString(resource.version())));
    }

    /**
     * The version an If-Match header asks for: null when there is none or it is {@code *} (the resource
     * exists, which the update checks anyway), {@link #NO_VERSION} for a weak or foreign tag, which the
     * strong comparison If-Match requires never matches.
     */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.length() < 3 || !tag.startsWith("\"") || !tag.endsWith("\"")) {
            return NO_VERSION;
        }
        try {
            return Long.parseLong(tag.substring(1, tag.length() - 1));
        } catch (NumberFormatException e) {
            return NO_VERSION;
        }
    }
}
