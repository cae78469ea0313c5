package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Base64;
import java.util.UUID;

import static fr.mssante.it.Identities.ADMIN_DEMO;
import static fr.mssante.it.Identities.ADMIN_OTHER;
import static fr.mssante.it.Identities.ADMIN_PASSWORD;
import static fr.mssante.it.Identities.DOMAIN;
import static fr.mssante.it.Identities.DR_MARTIN;
import static fr.mssante.it.Identities.DR_MARTIN_ID;
import static fr.mssante.it.Identities.OPERATOR;
import static fr.mssante.it.Identities.OPERATOR_PASSWORD;
import static fr.mssante.it.Identities.OTHER_DOMAIN;
import static fr.mssante.it.Identities.OTHER_TENANT_MAILBOX;
import static fr.mssante.it.Identities.PRACTITIONER_TEST_PASSWORD;
import static fr.mssante.it.Identities.SECRETARIAT;
import static fr.mssante.it.RestApiIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what on the REST API, with real tokens of the real Keycloak: no token or a forged one is
 * 401, a role that does not fit is 403, a tenant administrator stays in their establishment, and a
 * practitioner manages the app passwords of their own and delegated mailboxes only.
 */
@ExtendWith(PlatformExtension.class)
class ApiSecurityIT {

    private final LocalPlatform platform;
    private final RestClient anonymous;
    private final RestClient operator;
    private final RestClient adminDemo;
    private final RestClient adminOther;
    private final RestClient practitioner;

    ApiSecurityIT(LocalPlatform platform) {
        this.platform = platform;
        KeycloakClient keycloak = PlatformSession.keycloak();
        anonymous = new RestClient(platform.baseUrl());
        operator = anonymous.as(keycloak.bearer(OPERATOR, OPERATOR_PASSWORD));
        adminDemo = anonymous.as(keycloak.bearer(ADMIN_DEMO, ADMIN_PASSWORD));
        adminOther = anonymous.as(keycloak.bearer(ADMIN_OTHER, ADMIN_PASSWORD));
        practitioner = anonymous.as(keycloak.bearer(DR_MARTIN_ID, PRACTITIONER_TEST_PASSWORD));
    }

    @BeforeAll
    static void practitionerAccount() {
        PlatformSession.keycloak().ensurePractitioner(DR_MARTIN_ID, PRACTITIONER_TEST_PASSWORD);
    }

    @Test
    void without_a_valid_token_the_api_answers_401_with_a_problem_document() throws Exception {
        assertProblem(anonymous.get("/api/v1/mailboxes/" + DR_MARTIN), 401, "bearer token");
        assertProblem(anonymous.get("/api/v1/me"), 401, "bearer token");
        String forged = forge(PlatformSession.keycloak().token(OPERATOR, OPERATOR_PASSWORD));
        assertProblem(anonymous.as(() -> forged).get("/api/v1/mailboxes/" + DR_MARTIN), 401, "bearer token");
        assertProblem(anonymous.as(() -> "not-a-token").get("/api/v1/me"), 401, "bearer token");
    }

    @Test
    void health_and_client_configuration_are_public() throws Exception {
        assertThat(anonymous.get("/health").status()).isEqualTo(200);
        JsonObject config = anonymous.get("/api/v1/config").json();
        assertThat(config.getString("realm")).isEqualTo("mssante");
        assertThat(config.getString("clientId")).isEqualTo("mssante-console");
        assertThat(config.getString("keycloakUrl")).isEqualTo(PlatformSession.keycloak().issuer().replace("/realms/mssante", ""));
    }

    /**
     * ADR 0022: the public probe says UP or DOWN and nothing else (no exception message, version or queue
     * depth for an outsider); the details are the operator's, even an establishment's administrator is refused.
     */
    @Test
    void the_public_health_says_only_up_and_the_details_are_the_operators() throws Exception {
        RestClient.Reply probe = anonymous.get("/health");
        assertThat(probe.status()).isEqualTo(200);
        assertThat(probe.json()).containsOnlyKeys("status");
        assertThat(probe.json().getString("status")).isEqualTo("UP");
        assertThat(operator.get("/health").json()).as("a token does not turn the public probe into the details")
                .containsOnlyKeys("status");

        assertProblem(anonymous.get("/api/v1/health"), 401, "bearer token");
        assertThat(adminDemo.get("/api/v1/health").status()).isEqualTo(403);
        assertThat(practitioner.get("/api/v1/health").status()).isEqualTo(403);
        RestClient.Reply details = operator.get("/api/v1/health");
        assertThat(details.status()).isEqualTo(200);
        assertThat(details.json().getString("status")).isEqualTo("UP");
        assertThat(details.json().getJsonObject("checks")).containsKeys("database", "broker", "whitelist");
        assertThat(details.json().getJsonObject("checks").getJsonObject("broker").getString("deliveryQueueDepth"))
                .matches("\\d+\\+?");
    }

    @Test
    void the_operator_administrator_manages_every_establishment() throws Exception {
        assertThat(operator.get("/api/v1/mailboxes/" + OTHER_TENANT_MAILBOX).status()).isEqualTo(200);
        assertThat(operator.get("/api/v1/mailboxes/" + DR_MARTIN).status()).isEqualTo(200);
        assertThat(operator.post("/api/v1/mailboxes", mailbox("op", OTHER_DOMAIN)).status()).isEqualTo(201);
    }

    @Test
    void a_tenant_administrator_stays_in_their_establishment() throws Exception {
        assertThat(adminDemo.get("/api/v1/mailboxes/" + DR_MARTIN).status()).isEqualTo(200);
        assertThat(adminDemo.post("/api/v1/mailboxes", mailbox("admin", DOMAIN)).status()).isEqualTo(201);

        // Another establishment's mailbox is answered exactly like a missing one: no existence oracle.
        assertSameAsMissing(adminDemo, "/api/v1/mailboxes/", OTHER_TENANT_MAILBOX, "");
        assertSameAsMissing(adminDemo, "/api/v1/mailboxes/", OTHER_TENANT_MAILBOX, "/messages");
        assertSameAsMissing(adminOther, "/api/v1/mailboxes/", DR_MARTIN, "");
        assertProblem(adminDemo.post("/api/v1/mailboxes/" + OTHER_TENANT_MAILBOX + "/delegations",
                "{\"nationalId\":\"810001234567\"}"), 404, "no mailbox " + OTHER_TENANT_MAILBOX);
        assertFieldError(adminDemo.post("/api/v1/mailboxes", mailbox("intrus", OTHER_DOMAIN)), "address",
                "not hosted for your establishment");
        assertThat(adminOther.get("/api/v1/mailboxes/" + OTHER_TENANT_MAILBOX).status()).isEqualTo(200);
    }

    /**
     * The reported leak: a trailing space made the domain unknown to the guard, then the service trimmed
     * it and created the mailbox in the other establishment. Every spelling of another establishment's
     * address must now be refused before any decision, and nothing must be created.
     */
    @Test
    void a_tenant_administrator_cannot_create_in_another_establishment_by_any_spelling() throws Exception {
        String local = "x2-" + UUID.randomUUID().toString().substring(0, 8);
        String target = local + "@" + OTHER_DOMAIN;
        assertFieldError(adminDemo.post("/api/v1/mailboxes", typed(target + " ")), "address", "U+0020");
        assertFieldError(adminDemo.post("/api/v1/mailboxes", typed(" " + target)), "address", "U+0020");
        assertFieldError(adminDemo.post("/api/v1/mailboxes", typed(target + "\\t")), "address", "U+0009");
        assertFieldError(adminDemo.post("/api/v1/mailboxes", typed(target + "\\u200b")), "address", "U+200B");
        assertFieldError(adminDemo.post("/api/v1/mailboxes", typed(target.toUpperCase())), "address",
                "not hosted for your establishment");
        // Fullwidth letters and a Cyrillic look-alike: refused, never folded into the real domain.
        assertFieldError(adminDemo.post("/api/v1/mailboxes", typed(local + "@\uff43linique-autre.mssante.fr")),
                "address", "A-label");
        assertFieldError(adminDemo.post("/api/v1/mailboxes", typed(local + "@clinique-\u0430utre.mssante.fr")),
                "address", "A-label");
        assertFieldError(adminDemo.post("/api/v1/mailboxes", typed("\u0445" + target)), "address", "local part");

        assertThat(operator.get("/api/v1/mailboxes/" + target).status())
                .as("nothing was created in the other establishment").isEqualTo(404);
    }

    @Test
    void a_path_address_is_canonical_before_the_decision() throws Exception {
        assertThat(adminDemo.get("/api/v1/mailboxes/" + DR_MARTIN.toUpperCase()).json().getString("address"))
                .isEqualTo(DR_MARTIN);
        assertThat(adminDemo.get("/api/v1/mailboxes/" + DR_MARTIN.replace("@", "%40")).status()).isEqualTo(200);
        assertSameAsMissing(adminDemo, "/api/v1/mailboxes/", OTHER_TENANT_MAILBOX.toUpperCase(), "");
        assertSameAsMissing(adminDemo, "/api/v1/mailboxes/", OTHER_TENANT_MAILBOX.replace("@", "%40"), "");
        assertFieldError(adminDemo.get("/api/v1/mailboxes/" + OTHER_TENANT_MAILBOX + "%20"), "address", "U+0020");
        assertFieldError(adminDemo.get("/api/v1/mailboxes/" + OTHER_TENANT_MAILBOX.replace("@", "%2540")),
                "address", "local-part@domain");
    }

    /** The answer for another establishment's resource, compared with the answer for one that does not exist. */
    private static void assertSameAsMissing(RestClient client, String prefix, String address, String suffix) throws Exception {
        RestClient.Reply other = client.get(prefix + address + suffix);
        String separator = address.contains("@") ? "@" : "%40";
        String missing = "nobody-" + UUID.randomUUID().toString().substring(0, 8) + separator
                + address.substring(address.indexOf(separator) + separator.length());
        RestClient.Reply absent = client.get(prefix + missing + suffix);
        assertThat(other.status()).as(other.body()).isEqualTo(404);
        assertThat(absent.status()).as(absent.body()).isEqualTo(404);
        assertThat(other.json().getString("detail").replace(address.toLowerCase().replace("%40", "@"), "X"))
                .isEqualTo(absent.json().getString("detail").replace(missing.toLowerCase().replace("%40", "@"), "X"));
        assertThat(other.contentType()).isEqualTo(absent.contentType());
    }

    static void assertFieldError(RestClient.Reply reply, String field, String messagePart) throws Exception {
        assertProblem(reply, 400, messagePart);
        JsonObject error = reply.json().getJsonArray("errors").getJsonObject(0);
        assertThat(error.getString("field")).isEqualTo(field);
        assertThat(error.getString("message")).contains(messagePart);
    }

    private static String typed(String address) {
        return "{\"address\":\"" + address + "\",\"type\":\"ORG\"}";
    }

    @Test
    void a_practitioner_cannot_administer_and_an_administrator_has_no_self_service_mailbox() throws Exception {
        assertProblem(practitioner.get("/api/v1/mailboxes/" + DR_MARTIN), 403, "");
        assertProblem(practitioner.post("/api/v1/mailboxes", mailbox("self", DOMAIN)), 403, "");
        assertProblem(adminDemo.get("/api/v1/me/mailboxes/" + DR_MARTIN + "/app-passwords"), 403, "");
    }

    @Test
    void a_practitioner_sees_their_identity_and_their_own_and_delegated_mailboxes() throws Exception {
        JsonObject me = practitioner.get("/api/v1/me").json();
        assertThat(me.getString("nationalId")).isEqualTo(DR_MARTIN_ID);
        assertThat(me.getJsonArray("roles").getString(0)).isEqualTo("practitioner");
        assertThat(me.getJsonArray("mailboxes").stream().map(v -> v.asJsonObject().getString("address")
                + "/" + v.asJsonObject().getString("access")))
                .contains(DR_MARTIN + "/OWNER", SECRETARIAT + "/DELEGATE")
                .noneMatch(m -> m.startsWith(OTHER_TENANT_MAILBOX));
    }

    @Test
    void a_practitioner_creates_lists_and_revokes_app_passwords_of_their_mailboxes_only() throws Exception {
        String device = "Thunderbird " + UUID.randomUUID().toString().substring(0, 6);
        String path = "/api/v1/me/mailboxes/" + DR_MARTIN + "/app-passwords";
        RestClient.Reply created = practitioner.post(path, "{\"name\":\"" + device + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().getString("id");
        assertThat(created.json().getString("password")).matches("[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}");

        RestClient.Reply listed = practitioner.get(path);
        JsonObject entry = listed.array().stream().map(v -> v.asJsonObject())
                .filter(o -> o.getString("id").equals(id)).findFirst().orElseThrow();
        assertThat(entry.getString("name")).isEqualTo(device);
        assertThat(entry.containsKey("password")).as("the secret is shown once only").isFalse();
        assertThat(listed.body()).doesNotContain(created.json().getString("password"));

        assertProblem(practitioner.post(path, "{\"name\":\"" + device + "\"}"), 409, "already exists");
        assertThat(practitioner.delete(path + "/" + id).status()).isEqualTo(204);
        assertProblem(practitioner.delete(path + "/" + id), 404, "no active app password");
        assertThat(practitioner.get(path).body()).doesNotContain(id);
        awaitAudit("APP_PASSWORD_CREATED", id);
        awaitAudit("APP_PASSWORD_REVOKED", id);

        assertThat(practitioner.post("/api/v1/me/mailboxes/" + SECRETARIAT + "/app-passwords",
                "{\"name\":\"" + device + "\"}").status()).as("delegated mailbox").isEqualTo(201);
        assertProblem(practitioner.post("/api/v1/me/mailboxes/" + OTHER_TENANT_MAILBOX + "/app-passwords",
                "{\"name\":\"intrus\"}"), 403, "neither your mailbox nor delegated");
    }

    /** The audit trail names the caller and the app password (events travel through AuditQueue). */
    private void awaitAudit(String action, String appPasswordId) throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (var db = platform.database().connect();
                 var query = db.prepareStatement("SELECT count(*) FROM audit_event WHERE action = ? AND actor = ? "
                         + "AND details LIKE ?")) {
                query.setString(1, action);
                query.setString(2, "api:" + DR_MARTIN_ID);
                query.setString(3, "mailbox=" + DR_MARTIN + " %id=" + appPasswordId + "%");
                try (var rows = query.executeQuery()) {
                    rows.next();
                    if (rows.getInt(1) == 1) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no audit event " + action + " for app password " + appPasswordId);
    }

    private static String mailbox(String prefix, String domain) {
        return "{\"address\":\"" + prefix + "." + UUID.randomUUID().toString().substring(0, 8) + "@" + domain
                + "\",\"type\":\"ORG\"}";
    }

    /** The same header and claims with a tampered signature: what an attacker editing a token produces. */
    private static String forge(String token) {
        String[] parts = token.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length / 2] ^= 0x5a;
        return parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }
}
