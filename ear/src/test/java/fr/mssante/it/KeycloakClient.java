package fr.mssante.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import fr.mssante.devstack.KeycloakServer;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The tests' Keycloak: its admin REST API (as the master realm's administrator), and real access tokens
 * of the {@code mssante} realm. Through the admin API it adds
 * a test-only client allowing the password grant (the realm files, shared with production, have none)
 * and gives brokered professionals a password; then it asks the token endpoint like any client.
 */
final class KeycloakClient {

    static final String REALM = "mssante";
    private static final String TEST_CLIENT = "it-password-grant";
    /** Same, with access tokens that expire after one second: to show expired tokens are refused. */
    private static final String SHORT_LIVED_CLIENT = "it-short-lived";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String adminUser;
    private final String adminPassword;
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();
    private volatile boolean clientReady;

    private record CachedToken(String value, Instant refreshAfter) {
    }

    KeycloakClient(KeycloakServer server) {
        this.base = server.baseUrl();
        this.adminUser = server.adminUser();
        this.adminPassword = server.adminPassword();
    }

    String issuer() {
        return base + "/realms/" + REALM;
    }

    /** A supplier of fresh access tokens of that user, for {@link RestClient}. */
    Supplier<String> bearer(String username, String password) {
        return () -> token(username, password);
    }

    /** An access token of the user; cached until shortly before it expires. */
    String token(String username, String password) {
        CachedToken cached = tokens.get(username);
        if (cached != null && Instant.now().isBefore(cached.refreshAfter())) {
            return cached.value();
        }
        ensureTestClient();
        JsonObject reply = form(issuer() + "/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", TEST_CLIENT, "username", username, "password", password, "scope", "openid"));
        String token = reply.getString("access_token");
        tokens.put(username, new CachedToken(token, Instant.now().plusSeconds(reply.getInt("expires_in") / 2)));
        return token;
    }

    /** A new access token of the user, asked of the token endpoint now (e.g. after the realm was restored). */
    String freshToken(String username, String password) {
        tokens.remove(username);
        return token(username, password);
    }

    /** Deletes a realm with everything in it (users, clients, keys). */
    void deleteRealm(String realm) {
        adminCall("DELETE", realm, "", null);
    }

    /** An access token that expires one second after issue (not cached). */
    String shortLivedToken(String username, String password) {
        ensureTestClient();
        return form(issuer() + "/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", SHORT_LIVED_CLIENT, "username", username, "password", password, "scope", "openid"))
                .getString("access_token");
    }

    /**
     * A professional as Pro Santé Connect's first login leaves them (username and {@code rpps} = national
     * id, role practitioner), plus a password so the test can get tokens without a browser.
     */
    void ensurePractitioner(String nationalId, String password) {
        JsonArray found = admin("GET", "/users?exact=true&username=" + encode(nationalId.toLowerCase()), null).asJsonArray();
        String id;
        if (found.isEmpty()) {
            admin("POST", "/users", Json.createObjectBuilder()
                    .add("username", nationalId).add("enabled", true)
                    .add("firstName", "Test").add("lastName", nationalId)
                    .add("email", nationalId.toLowerCase() + "@professionnel.invalid").add("emailVerified", true)
                    .add("attributes", Json.createObjectBuilder().add("rpps", Json.createArrayBuilder().add(nationalId)))
                    .build().toString());
            id = admin("GET", "/users?exact=true&username=" + encode(nationalId.toLowerCase()), null)
                    .asJsonArray().getJsonObject(0).getString("id");
        } else {
            id = found.getJsonObject(0).getString("id");
        }
        admin("PUT", "/users/" + id + "/reset-password", Json.createObjectBuilder()
                .add("type", "password").add("value", password).add("temporary", false).build().toString());
        JsonObject role = admin("GET", "/roles/practitioner", null).asJsonObject();
        admin("POST", "/users/" + id + "/role-mappings/realm", Json.createArrayBuilder().add(role).build().toString());
        tokens.remove(nationalId);
    }

    /** A user of a realm by username, as the admin API shows it (attributes included), or null. */
    JsonObject user(String realm, String username) {
        JsonArray found = adminCall("GET", realm, "/users?exact=true&briefRepresentation=false&username="
                + encode(username.toLowerCase()), null).asJsonArray();
        return found.isEmpty() ? null : found.getJsonObject(0);
    }

    /** GET {@code /admin/realms/<realm><path>}. */
    JsonValue adminGet(String realm, String path) {
        return adminCall("GET", realm, path, null);
    }

    /** POST {@code /admin/realms/<realm><path>} with a JSON body. */
    void adminPost(String realm, String path, String json) {
        adminCall("POST", realm, path, json);
    }

    /** The password-grant client, with the audiences and claims the console and mail clients' tokens carry. */
    private synchronized void ensureTestClient() {
        if (clientReady) {
            return;
        }
        createPasswordGrantClient(TEST_CLIENT, Json.createObjectBuilder());
        createPasswordGrantClient(SHORT_LIVED_CLIENT, Json.createObjectBuilder().add("access.token.lifespan", "1"));
        clientReady = true;
    }

    private void createPasswordGrantClient(String clientId, jakarta.json.JsonObjectBuilder attributes) {
        if (admin("GET", "/clients?clientId=" + clientId, null).asJsonArray().isEmpty()) {
            admin("POST", "/clients", Json.createObjectBuilder()
                    .add("clientId", clientId).add("publicClient", true).add("directAccessGrantsEnabled", true)
                    .add("standardFlowEnabled", false).add("attributes", attributes)
                    .add("protocolMappers", Json.createArrayBuilder()
                            .add(audience("mssante-api")).add(audience("mssante-mail"))
                            .add(attributeClaim("rpps")).add(attributeClaim("finess")))
                    .build().toString());
        }
    }

    private static JsonObject audience(String audience) {
        return Json.createObjectBuilder().add("name", "audience " + audience).add("protocol", "openid-connect")
                .add("protocolMapper", "oidc-audience-mapper")
                .add("config", Json.createObjectBuilder().add("included.client.audience", audience)
                        .add("access.token.claim", "true").add("id.token.claim", "false"))
                .build();
    }

    private static JsonObject attributeClaim(String attribute) {
        return Json.createObjectBuilder().add("name", attribute).add("protocol", "openid-connect")
                .add("protocolMapper", "oidc-usermodel-attribute-mapper")
                .add("config", Json.createObjectBuilder().add("user.attribute", attribute).add("claim.name", attribute)
                        .add("jsonType.label", "String").add("access.token.claim", "true")
                        .add("id.token.claim", "true").add("userinfo.token.claim", "true"))
                .build();
    }

    private JsonValue admin(String method, String path, String json) {
        return adminCall(method, REALM, path, json);
    }

    private JsonValue adminCall(String method, String realm, String path, String json) {
        String adminToken = form(base + "/realms/master/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", adminUser, "password", adminPassword)).getString("access_token");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/admin/realms/" + realm + path))
                .header("Authorization", "Bearer " + adminToken).timeout(Duration.ofSeconds(30));
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = send(request.build());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body().isBlank() ? JsonValue.NULL : Json.createReader(new StringReader(r.body())).readValue();
    }

    private JsonObject form(String url, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(30)).build());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("token request to " + url + " for " + fields.get("username") + ": "
                    + r.statusCode() + " " + r.body());
        }
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
