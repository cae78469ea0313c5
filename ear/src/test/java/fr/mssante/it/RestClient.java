package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
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
import java.time.Instant;
import java.util.function.Supplier;

/** HTTP calls to the platform's REST API, as an administrator's tool would make them. */
final class RestClient {

    /** A response with its JSON body parsed. */
    record Reply(int status, String contentType, String body, java.net.http.HttpHeaders headers) {
        /** A response header, null when absent. */
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonObject json() {
            return (JsonObject) parse();
        }

        JsonArray array() {
            return (JsonArray) parse();
        }

        private JsonStructure parse() {
            return Json.createReader(new StringReader(body)).read();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    /** The bearer token of each request, null for anonymous calls. */
    private final Supplier<String> token;

    RestClient(String base) {
        this(base, null);
    }

    /** Calls authenticated with the access token {@code token} gives (re-asked per request: tokens expire). */
    RestClient(String base, Supplier<String> token) {
        this.base = base;
        this.token = token;
    }

    /** The API as the demo operator administrator, who may do everything the tests need to set up. */
    static RestClient asOperator(LocalPlatform platform) {
        return new RestClient(platform.baseUrl(),
                PlatformSession.keycloak().bearer(Identities.OPERATOR, Identities.OPERATOR_PASSWORD));
    }

    /** The same API as another caller. */
    RestClient as(Supplier<String> otherToken) {
        return new RestClient(base, otherToken);
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Reply delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    Reply post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply getAccepting(String path, String mediaType) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", mediaType).GET());
    }

    /** Any method with an optional body (null: none), as a test generated from the OpenAPI document sends it. */
    Reply call(String method, String path, String contentType, String body) throws IOException, InterruptedException {
        return body == null
                ? send(HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody()))
                : send(method, path, contentType, body);
    }

    /** A request with a body and extra headers ({@code name, value, name, value...}). */
    Reply send(String method, String path, String contentType, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /** The INBOX listing of a mailbox. */
    JsonArray inbox(String address) throws IOException, InterruptedException {
        Reply r = get("/api/v1/mailboxes/" + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/messages?limit=500");
        if (r.status() != 200) {
            throw new IllegalStateException("listing " + address + ": " + r.status() + " " + r.body());
        }
        return r.array();
    }

    /** Waits until the INBOX of {@code address} holds at least {@code count} messages. */
    JsonArray awaitInbox(String address, int count, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonArray listing = inbox(address);
        while (listing.size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            listing = inbox(address);
        }
        return listing;
    }

    /** Waits until a message with this subject is in the INBOX of {@code address}. */
    void awaitSubject(String address, String subject) throws IOException, InterruptedException {
        awaitSubject(address, subject, Duration.ofSeconds(30));
    }

    void awaitSubject(String address, String subject, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (inbox(address).stream().anyMatch(v -> subject.equals(v.asJsonObject().getString("subject", null)))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("'" + subject + "' did not reach " + address);
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (token != null) {
            request.header("Authorization", "Bearer " + token.get());
        }
        HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers());
    }
}
