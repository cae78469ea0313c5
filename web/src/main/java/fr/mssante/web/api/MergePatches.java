package fr.mssante.web.api;

import fr.mssante.ejb.mailbox.MailboxPatch;
import fr.mssante.ejb.tenant.ContactView;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;

import java.io.StringReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads JSON merge patches (RFC 7396) into typed changes. A member absent leaves the field alone; a
 * member set to null removes the value (RFC 7396 section 2), which only an optional field accepts;
 * arrays replace the whole list. Unknown members are refused rather than ignored, so that a typo
 * ("redlist") is not a silent no-op. Every field at fault is named in one 400.
 */
public final class MergePatches {

    /** The media type of RFC 7396 section 4. */
    public static final String MEDIA_TYPE = "application/merge-patch+json";

    private static final Set<String> MAILBOX_FIELDS = Set.of("displayName", "quotaBytes", "publishedInDirectory",
            "redList", "owners");
    private static final Set<String> ESTABLISHMENT_FIELDS = Set.of("name", "contacts");

    private MergePatches() {
    }

    /** The name and contacts an establishment patch changes (null for unchanged). */
    public record EstablishmentPatch(String name, List<ContactView> contacts) {
    }

    public static MailboxPatch mailbox(String body) {
        JsonObject patch = parse(body);
        Reader r = new Reader(patch, MAILBOX_FIELDS);
        Optional<String> displayName = patch.containsKey("displayName")
                ? Optional.ofNullable(r.string("displayName", true)) : null;
        MailboxPatch result = new MailboxPatch(displayName, r.longValue("quotaBytes"), r.bool("publishedInDirectory"),
                r.bool("redList"), r.strings("owners"));
        r.done();
        return result;
    }

    public static EstablishmentPatch establishment(String body) {
        JsonObject patch = parse(body);
        Reader r = new Reader(patch, ESTABLISHMENT_FIELDS);
        String name = r.string("name", false);
        List<ContactView> contacts = null;
        JsonArray array = r.array("contacts");
        if (array != null) {
            contacts = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
                    r.error("contacts[" + i + "]", "must be an object {name, role, email, phone}");
                    continue;
                }
                JsonObject c = array.getJsonObject(i);
                contacts.add(new ContactView(text(c, "name"), text(c, "role"), text(c, "email"), text(c, "phone")));
            }
        }
        r.done();
        return new EstablishmentPatch(name, contacts);
    }

    /**
     * The patch document, read here rather than by the JAX-RS runtime: the merge-patch media type is
     * not bound to JSON-P by every provider, and a patch must be an object (RFC 7396 section 2 allows
     * other values, which would replace the whole resource: not supported).
     */
    static JsonObject parse(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body == null ? "" : body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new ProblemException(Response.Status.BAD_REQUEST, "a merge patch is a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonException e) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "malformed request body: " + e.getMessage());
        }
    }

    private static String text(JsonObject o, String member) {
        JsonValue v = o.get(member);
        return v instanceof JsonString s ? s.getString() : null;
    }

    /** Reads members one by one, collecting what is wrong instead of stopping at the first. */
    private static final class Reader {
        private final JsonObject patch;
        private final List<Problem.FieldError> errors = new ArrayList<>();

        Reader(JsonObject patch, Set<String> known) {
            this.patch = patch;
            if (patch == null) {
                throw new ProblemException(Response.Status.BAD_REQUEST,
                        "a JSON merge patch object is required");
            }
            patch.keySet().stream().filter(k -> !known.contains(k)).sorted()
                    .forEach(k -> error(k, "cannot be changed (changeable: " + String.join(", ", known.stream().sorted().toList()) + ")"));
        }

        void error(String field, String message) {
            errors.add(new Problem.FieldError(field, message));
        }

        private JsonValue value(String field, boolean nullable) {
            JsonValue v = patch.get(field);
            if (v == JsonValue.NULL && !nullable) {
                error(field, "cannot be removed");
                return null;
            }
            return v == JsonValue.NULL ? null : v;
        }

        String string(String field, boolean nullable) {
            JsonValue v = value(field, nullable);
            if (v == null) {
                return null;
            }
            if (v instanceof JsonString s) {
                return s.getString();
            }
            error(field, "must be a string");
            return null;
        }

        Long longValue(String field) {
            JsonValue v = value(field, false);
            if (v == null) {
                return null;
            }
            if (v instanceof JsonNumber n && n.isIntegral()) {
                return n.longValue();
            }
            error(field, "must be an integer");
            return null;
        }

        Boolean bool(String field) {
            JsonValue v = value(field, false);
            if (v == null) {
                return null;
            }
            if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
                return v == JsonValue.TRUE;
            }
            error(field, "must be true or false");
            return null;
        }

        JsonArray array(String field) {
            JsonValue v = value(field, false);
            if (v == null) {
                return null;
            }
            if (v instanceof JsonArray a) {
                return a;
            }
            error(field, "must be an array");
            return null;
        }

        List<String> strings(String field) {
            JsonArray a = array(field);
            if (a == null) {
                return null;
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i) instanceof JsonString s) {
                    values.add(s.getString());
                } else {
                    error(field + "[" + i + "]", "must be a string");
                }
            }
            return values;
        }

        void done() {
            if (!errors.isEmpty()) {
                throw ProblemException.invalidFields(errors);
            }
        }
    }
}
