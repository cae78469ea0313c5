package fr.mssante.it;

import fr.mssante.devstack.KeycloakServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The Keycloak admin REST API as the master realm's administrator, for assertions on realms. */
final class KeycloakAdmin {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final KeycloakServer keycloak;

    KeycloakAdmin(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    private String token() throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=admin-cli&username=" + enc(keycloak.adminUser())
                + "&password=" + enc(keycloak.adminPassword());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create(keycloak.realmUrl("master") + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("admin token: " + r.statusCode() + " " + r.body());
        }
        return ((JsonObject) parse(r.body())).getString("access_token");
    }

    /** GET {@code /admin/realms/<path>}. */
    JsonStructure get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/admin/realms/" + path))
                .header("Authorization", "Bearer " + token()).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": " + r.statusCode() + " " + r.body());
        }
        return parse(r.body());
    }

    /** POST {@code /admin/realms/<path>} with a JSON body; returns the status. */
    int post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/admin/realms/" + path))
                .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** The user of {@code realm} with exactly this username, or null. */
    JsonObject user(String realm, String username) throws IOException, InterruptedException {
        JsonArray found = (JsonArray) get(realm + "/users?exact=true&briefRepresentation=false&username=" + enc(username));
        return found.isEmpty() ? null : found.getJsonObject(0);
    }

    private static JsonStructure parse(String body) {
        return Json.createReader(new StringReader(body)).read();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
