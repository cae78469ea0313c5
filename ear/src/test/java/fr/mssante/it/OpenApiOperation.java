package fr.mssante.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One operation (method + path template) of the platform's OpenAPI 3 document, callable by a test. */
final class OpenApiOperation {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final Set<String> PUBLIC = Set.of("/api/v1/config", "/api/v1/openapi", "/health");
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}/]+)}");

    private final String method;
    private final String path;
    private final JsonObject operation;
    private final JsonObject components;

    private OpenApiOperation(String method, String path, JsonObject operation, JsonObject components) {
        this.method = method;
        this.path = path;
        this.operation = operation;
        this.components = components;
    }

    /** Every operation of an OpenAPI 3 document. */
    static List<OpenApiOperation> all(JsonObject document) {
        JsonObject paths = document.getJsonObject("paths");
        JsonObject components = document.containsKey("components") ? document.getJsonObject("components") : JsonValue.EMPTY_JSON_OBJECT;
        List<OpenApiOperation> operations = new ArrayList<>();
        for (String path : paths.keySet()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : item.keySet()) {
                if (METHODS.contains(method)) {
                    // The document may list paths relative to its server URL or with the context root.
                    String absolute = path.startsWith("/api") || path.startsWith("/health") ? path : "/api/v1" + path;
                    operations.add(new OpenApiOperation(method.toUpperCase(), absolute, item.getJsonObject(method), components));
                }
            }
        }
        return operations;
    }

    String path() {
        return path;
    }

    /** The path with each {parameter} replaced by what {@code values} gives for its name (already encoded). */
    String path(UnaryOperator<String> values) {
        Matcher m = PARAMETER.matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.apply(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    boolean isWrite() {
        return !method.equals("GET");
    }

    boolean isPublic() {
        return PUBLIC.contains(path);
    }

    /**
     * The national whitelist: public data of the trust space that names every operator's domains by
     * design (hosted ones included), read by every administrator; its reads are no leak, and its age
     * moves as the suite runs. Its refresh stays a write that only the operator may make.
     */
    boolean isTrustSpaceData() {
        return path.startsWith("/api/v1/whitelist");
    }

    /** The operator's own view of the platform (health details): no establishment's administrator reads it. */
    boolean isOperatorOnly() {
        // The audit chain runs through every establishment's events (ADR 0027).
        return path.equals("/api/v1/health") || path.equals("/api/v1/audit/chain");
    }

    boolean isSelfService() {
        return path.startsWith("/api/v1/me");
    }

    /** A path naming a sub-resource by a server-made id, which a test cannot know for a read of its own. */
    boolean hasOpaqueId() {
        return path.contains("{id}");
    }

    /** The media type of the success response, "" when the document does not say. */
    String produces() {
        JsonObject responses = operation.getJsonObject("responses");
        if (responses == null) {
            return "";
        }
        for (String status : responses.keySet()) {
            JsonObject content = responses.getJsonObject(status).getJsonObject("content");
            if (status.startsWith("2") && content != null && !content.isEmpty()) {
                return content.keySet().iterator().next();
            }
        }
        return "";
    }

    /** A request body valid in shape whose identifying fields name the target establishment, null when none is taken. */
    String sampleBody(TenantIsolationMatrixIT.Establishment target, String addressSpelling) {
        JsonObject content = requestContent();
        if (content == null) {
            return null;
        }
        if (content.containsKey("text/csv")) {
            return "address,type,displayName,ownerNationalId,quotaMb,publishedInDirectory,redList\n"
                    + addressSpelling.replace("%40", "@") + ",ORG,Matrice,,100,false,false\n";
        }
        JsonObject schema = content.containsKey("application/json")
                ? content.getJsonObject("application/json").getJsonObject("schema") : null;
        JsonObject resolved = schema == null ? JsonValue.EMPTY_JSON_OBJECT : resolve(schema, components);
        return TenantIsolationMatrixIT.sampleObject(resolved, components, target, addressSpelling,
                path.endsWith("/domains")).toString();
    }

    RestClient.Reply call(RestClient client, String concretePath, String body) throws IOException, InterruptedException {
        JsonObject content = requestContent();
        String type = content != null && content.containsKey("text/csv") ? "text/csv" : "application/json";
        String target = concretePath;
        if (method.equals("POST") && type.equals("text/csv") && !target.contains("dryRun")) {
            target += (target.contains("?") ? "&" : "?") + "dryRun=false";
        }
        return client.call(method, target, type, body == null && !method.equals("GET") && !method.equals("DELETE")
                ? (type.equals("text/csv") ? "" : "{}") : body);
    }

    /**
     * Percent-encodes one path segment (RFC 3986 section 3.3) but leaves existing percent sequences as
     * they are, so that a variant spelled with {@code %40} or {@code %2540} reaches the server that way.
     */
    static String encodePathSegment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~@%".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    static JsonObject resolve(JsonObject schema, JsonObject components) {
        if (!schema.containsKey("$ref")) {
            return schema;
        }
        String ref = schema.getString("$ref");
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        JsonObject schemas = components.getJsonObject("schemas");
        return schemas == null || !schemas.containsKey(name) ? JsonValue.EMPTY_JSON_OBJECT : schemas.getJsonObject(name);
    }

    private JsonObject requestContent() {
        JsonObject body = operation.getJsonObject("requestBody");
        return body == null ? null : body.getJsonObject("content");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
