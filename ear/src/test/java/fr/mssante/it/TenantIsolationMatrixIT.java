package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static fr.mssante.it.Identities.ADMIN_DEMO;
import static fr.mssante.it.Identities.ADMIN_OTHER;
import static fr.mssante.it.Identities.ADMIN_PASSWORD;
import static fr.mssante.it.Identities.DOMAIN;
import static fr.mssante.it.Identities.DR_MARTIN;
import static fr.mssante.it.Identities.DR_MARTIN_ID;
import static fr.mssante.it.Identities.OTHER_DOMAIN;
import static fr.mssante.it.Identities.OTHER_TENANT_MAILBOX;
import static fr.mssante.it.Identities.PRACTITIONER_TEST_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenant isolation, generated from the API's own OpenAPI document: every operation it describes ×
 * each caller (the two establishments' administrators, a practitioner) × the other establishment's
 * resources × spellings of their identifiers (case, surrounding whitespace, control and invisible
 * characters, Unicode look-alikes, percent-encoding, double encoding).
 *
 * <p>What a user must never observe: a write on the other establishment that succeeds, a read that
 * shows any of its identifiers, or — checked through the operator's eyes before and after — any change
 * of its data. An operation added to the API is in the matrix without anyone editing this test.
 */
@ExtendWith(PlatformExtension.class)
class TenantIsolationMatrixIT {

    /** One establishment as the matrix sees it: its identifiers, and what marks its data in a response. */
    record Establishment(String finess, String domain, String mailbox) {
        List<String> markers() {
            return List.of(finess, domain);
        }
    }

    private record Caller(String name, Supplier<String> token, Establishment own, Establishment other) {
    }

    private record Outcome(String operation, String caller, String variant, int status, String body) {
        @Override
        public String toString() {
            return caller + " " + operation + " [" + variant + "] → " + status + " " + body;
        }
    }

    private static final Establishment DEMO = new Establishment("750000001", DOMAIN, DR_MARTIN);
    private static final Establishment OTHER = new Establishment("750000002", OTHER_DOMAIN, OTHER_TENANT_MAILBOX);

    private final RestClient anonymous;
    private final RestClient operator;
    private final List<Caller> callers;

    TenantIsolationMatrixIT(LocalPlatform platform) {
        KeycloakClient keycloak = PlatformSession.keycloak();
        keycloak.ensurePractitioner(DR_MARTIN_ID, PRACTITIONER_TEST_PASSWORD);
        anonymous = new RestClient(platform.baseUrl());
        operator = RestClient.asOperator(platform);
        callers = List.of(
                new Caller(ADMIN_DEMO, keycloak.bearer(ADMIN_DEMO, ADMIN_PASSWORD), DEMO, OTHER),
                new Caller(ADMIN_OTHER, keycloak.bearer(ADMIN_OTHER, ADMIN_PASSWORD), OTHER, DEMO),
                new Caller(DR_MARTIN_ID, keycloak.bearer(DR_MARTIN_ID, PRACTITIONER_TEST_PASSWORD), DEMO, OTHER));
    }

    @Test
    void no_operation_of_the_api_reads_or_writes_another_establishment() throws Exception {
        List<OpenApiOperation> operations = OpenApiOperation.all(openApi());
        assertThat(operations).as("the OpenAPI document describes the admin API").hasSizeGreaterThan(10);

        Map<String, String> before = snapshot();
        List<Outcome> leaks = new ArrayList<>();
        int requests = 0;
        // Reads first: the writes' refusals are audited, and the audit listing is one of the reads.
        for (boolean writes : new boolean[] {false, true}) {
            for (OpenApiOperation operation : operations) {
                if (operation.isWrite() != writes || operation.isPublic()) {
                    continue;
                }
                for (Caller caller : callers) {
                    RestClient client = anonymous.as(caller.token());
                    for (Map.Entry<String, String> variant : identifierVariants(caller.other()).entrySet()) {
                        String path = operation.path(parameter -> identifier(parameter, caller.other(), variant.getValue()));
                        String body = operation.sampleBody(caller.other(), variant.getValue());
                        RestClient.Reply reply = operation.call(client, path, body);
                        requests++;
                        if (leaks(operation, caller.other(), reply)
                                && !(operation.isTrustSpaceData() && !operation.isWrite())) {
                            leaks.add(new Outcome(operation.toString(), caller.name(), variant.getKey(),
                                    reply.status(), abbreviate(reply.body())));
                        }
                    }
                }
            }
        }
        assertThat(leaks).as("cross-establishment answers over %d requests", requests).isEmpty();
        assertThat(snapshot()).as("the other establishments' data, seen by the operator, is unchanged")
                .isEqualTo(before);
    }

    @Test
    void each_administrator_reads_their_own_establishment_through_the_same_operations() throws Exception {
        List<OpenApiOperation> operations = OpenApiOperation.all(openApi());
        List<String> refused = new ArrayList<>();
        for (OpenApiOperation operation : operations) {
            if (operation.isWrite() || operation.isPublic() || operation.isSelfService() || operation.isOperatorOnly()
                    || operation.hasOpaqueId()
                    || operation.produces().startsWith("text/csv")) {
                continue;
            }
            for (Caller caller : callers.subList(0, 2)) {
                String path = operation.path(parameter -> identifier(parameter, caller.own(), caller.own().mailbox()));
                RestClient.Reply reply = operation.call(anonymous.as(caller.token()), path, null);
                if (reply.status() != 200) {
                    refused.add(caller.name() + " " + operation + " → " + reply.status() + " " + abbreviate(reply.body()));
                }
            }
        }
        assertThat(refused).as("an administrator's reads of their own establishment (the matrix is not passing by refusing everything)")
                .isEmpty();
    }

    @Test
    void without_a_token_or_without_an_administrators_role_every_admin_operation_is_refused() throws Exception {
        Caller practitioner = callers.get(2);
        List<String> answered = new ArrayList<>();
        for (OpenApiOperation operation : OpenApiOperation.all(openApi())) {
            if (operation.isPublic()) {
                continue;
            }
            String path = operation.path(parameter -> identifier(parameter, DEMO, DEMO.mailbox()));
            String body = operation.sampleBody(DEMO, DEMO.mailbox());
            RestClient.Reply anonymousReply = operation.call(anonymous, path, body);
            if (anonymousReply.status() != 401) {
                answered.add("anonymous " + operation + " → " + anonymousReply.status());
            }
            if (!operation.isSelfService()) {
                RestClient.Reply reply = operation.call(anonymous.as(practitioner.token()), path, body);
                if (reply.status() != 403) {
                    answered.add("practitioner " + operation + " → " + reply.status() + " " + abbreviate(reply.body()));
                }
            }
        }
        assertThat(answered).isEmpty();
    }

    /**
     * A response leaks when a write on the other establishment succeeded or a read shows its identifiers.
     * A batch (the CSV import) answers 200 with a report per line: it succeeded only if it created something.
     */
    private static boolean leaks(OpenApiOperation operation, Establishment other, RestClient.Reply reply) {
        boolean success = reply.status() >= 200 && reply.status() < 300;
        if (success && operation.isWrite()) {
            return !(reply.contentType().startsWith("application/json") && reply.body().startsWith("{")
                    && reply.json().containsKey("lines") && reply.json().getInt("created", -1) == 0);
        }
        String body = reply.body().toLowerCase(Locale.ROOT);
        return success && other.markers().stream().anyMatch(body::contains);
    }

    /**
     * Spellings of the other establishment's mailbox address that must all be treated as that mailbox
     * or refused as malformed — never as something the caller owns.
     */
    private static Map<String, String> identifierVariants(Establishment other) {
        String address = other.mailbox();
        Map<String, String> variants = new LinkedHashMap<>();
        variants.put("as is", address);
        variants.put("upper case", address.toUpperCase(Locale.ROOT));
        variants.put("trailing space", address + " ");
        variants.put("leading space", " " + address);
        variants.put("tab", address + "\t");
        variants.put("zero-width space", address.replace("@", "\u200b@"));
        variants.put("fullwidth letter", address.replaceFirst("@.", "@\uff43"));
        variants.put("cyrillic look-alike", address.replace("a", "\u0430"));
        variants.put("percent-encoded @", address.replace("@", "%40"));
        variants.put("double-encoded @", address.replace("@", "%2540"));
        return variants;
    }

    /** The value of a path parameter for the target establishment, spelled as the variant spells its mailbox. */
    private String identifier(String parameter, Establishment target, String mailboxSpelling) {
        String spelled = mailboxSpelling.equals(target.mailbox()) ? null : mailboxSpelling;
        return switch (parameter) {
            case "address" -> OpenApiOperation.encodePathSegment(mailboxSpelling);
            case "finess" -> spelled == null ? target.finess() : OpenApiOperation.encodePathSegment(respell(target.finess(), mailboxSpelling, target.mailbox()));
            case "domain" -> OpenApiOperation.encodePathSegment(spelled == null ? target.domain()
                    : spelled.substring(Math.max(spelled.indexOf('@'), spelled.indexOf("%40") + 2) + 1));
            case "nationalId" -> DR_MARTIN_ID;
            default -> UUID.randomUUID().toString();
        };
    }

    /** Applies the variant's kind of change (case, surrounding space...) to another identifier. */
    private static String respell(String value, String variant, String original) {
        if (variant.endsWith(" ")) {
            return value + " ";
        }
        if (variant.startsWith(" ")) {
            return " " + value;
        }
        if (variant.endsWith("\t")) {
            return value + "\t";
        }
        if (!variant.equals(original) && variant.chars().anyMatch(c -> c > 0x7f)) {
            return "\uff17" + value.substring(1);
        }
        return value;
    }

    /**
     * The other establishments' data as the operator sees it: every readable operation about them, so a
     * write that slipped through a refusal (a 4xx answered after the change) is still caught. Like the
     * audit trail and the trace, the relay queue is left out: the relay worker changes it as mail flows.
     */
    private Map<String, String> snapshot() throws Exception {
        Map<String, String> state = new LinkedHashMap<>();
        for (OpenApiOperation operation : OpenApiOperation.all(openApi())) {
            if (operation.isWrite() || operation.isPublic() || operation.isSelfService() || operation.isOperatorOnly()
                    || operation.hasOpaqueId()
                    || operation.isTrustSpaceData() || operation.path().contains("audit") || operation.path().contains("dashboard")
                    || operation.path().contains("trace") || operation.path().contains("relay-queue")) {
                continue;
            }
            for (Establishment e : List.of(DEMO, OTHER)) {
                String path = operation.path(p -> identifier(p, e, e.mailbox()));
                RestClient.Reply reply = operation.call(operator, path, null);
                state.put(operation + " " + e.finess(), reply.status() + " " + withoutVolatileFields(reply.body()));
            }
        }
        return state;
    }

    /** Last-use and login times change as the suite runs; what an administrator set does not. */
    private static String withoutVolatileFields(String body) {
        return body.replaceAll("\"(lastUsedAt|usedBytes|lastLoginAt)\":(\"[^\"]*\"|[0-9]+|null),?", "");
    }

    private JsonObject openApi() throws Exception {
        RestClient.Reply reply = anonymous.getAccepting("/api/v1/openapi", "application/json");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }

    /** Body fields that name an establishment's resource get the target's identifier; others a valid sample. */
    static JsonObject sampleObject(JsonObject schema, JsonObject components, Establishment target, String addressSpelling,
                                   boolean domainCollection) {
        JsonObjectBuilder body = Json.createObjectBuilder();
        JsonObject properties = schema.getJsonObject("properties");
        if (properties == null) {
            return body.build();
        }
        for (String name : properties.keySet()) {
            JsonObject property = OpenApiOperation.resolve(properties.getJsonObject(name), components);
            String type = property.getString("type", "object");
            switch (name) {
                case "address" -> body.add(name, addressSpelling.replace("%40", "@").replace("%2540", "%40"));
                case "finess" -> body.add(name, target.finess());
                case "domain" -> body.add(name, target.domain());
                case "name" -> body.add(name, domainCollection ? target.domain() : "Matrice " + UUID.randomUUID());
                case "nationalId", "ownerNationalId" -> body.add(name, DR_MARTIN_ID);
                default -> {
                    if (property.containsKey("enum")) {
                        body.add(name, property.getJsonArray("enum").get(0));
                    } else {
                        switch (type) {
                            case "string" -> body.add(name, "matrice");
                            case "integer", "number" -> body.add(name, 1);
                            case "boolean" -> body.add(name, false);
                            case "array" -> body.add(name, JsonValue.EMPTY_JSON_ARRAY);
                            default -> { }
                        }
                    }
                }
            }
        }
        return body.build();
    }
}
