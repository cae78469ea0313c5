package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST API as an operator administrator's tool sees it: JSON in, JSON out, problem+json on errors. */
@ExtendWith(PlatformExtension.class)
class RestApiIT {

    private static final String DOMAIN = "hopital-demo.mssante.fr";
    private final LocalPlatform platform;
    private final RestClient rest;

    RestApiIT(LocalPlatform platform) {
        this.platform = platform;
        this.rest = RestClient.asOperator(platform);
    }

    @Test
    void health_details_report_database_and_broker_up_to_the_operator() throws Exception {
        RestClient.Reply r = rest.get("/api/v1/health");
        assertThat(r.status()).isEqualTo(200);
        JsonObject checks = r.json().getJsonObject("checks");
        assertThat(r.json().getString("status")).isEqualTo("UP");
        assertThat(checks.getJsonObject("database").getString("status")).isEqualTo("UP");
        assertThat(checks.getJsonObject("database").getString("schemaVersion")).isEqualTo(latestMigration());
        assertThat(checks.getJsonObject("broker").getString("status")).isEqualTo("UP");
    }

    @Test
    void a_created_mailbox_has_an_empty_inbox_and_can_be_read_back() throws Exception {
        String address = "dr.nouveau." + UUID.randomUUID().toString().substring(0, 8) + "@" + DOMAIN;
        RestClient.Reply created = rest.post("/api/v1/mailboxes",
                "{\"address\":\"" + address.toUpperCase() + "\",\"type\":\"PER\",\"displayName\":\"Dr Nouveau\","
                        + "\"ownerNationalId\":\"ANS20231122132732\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().getString("address")).isEqualTo(address);
        assertThat(created.json().getString("type")).isEqualTo("PER");
        assertThat(created.json().getString("status")).isEqualTo("ACTIVE");
        assertThat(created.json().getString("ownerNationalId")).isEqualTo("ANS20231122132732");

        assertThat(rest.get("/api/v1/mailboxes/" + address).json().getString("displayName")).isEqualTo("Dr Nouveau");
        assertThat(rest.inbox(address)).isEmpty();
    }

    @Test
    void creating_an_existing_mailbox_is_a_conflict() throws Exception {
        RestClient.Reply r = rest.post("/api/v1/mailboxes", "{\"address\":\"dr.martin@" + DOMAIN + "\",\"type\":\"PER\",\"ownerNationalId\":\"810001234567\"}");
        assertProblem(r, 409, "already exists");
    }

    @Test
    void a_mailbox_in_a_domain_not_hosted_is_refused() throws Exception {
        RestClient.Reply r = rest.post("/api/v1/mailboxes", "{\"address\":\"x@ailleurs.fr\",\"type\":\"ORG\"}");
        assertProblem(r, 400, "not hosted");
    }

    @Test
    void bad_input_gets_a_problem_document() throws Exception {
        ApiSecurityIT.assertFieldError(rest.post("/api/v1/mailboxes", "{\"address\":\"pas une adresse\",\"type\":\"PER\"}"),
                "address", "space");
        ApiSecurityIT.assertFieldError(rest.post("/api/v1/mailboxes", "{\"address\":\"pas-une-adresse\",\"type\":\"PER\"}"),
                "address", "local-part@domain");
        assertProblem(rest.post("/api/v1/mailboxes", "{\"address\":\"a@" + DOMAIN + "\"}"), 400, "type is required");
        assertProblem(rest.post("/api/v1/mailboxes", "{\"address\":\"a@" + DOMAIN + "\",\"type\":\"XYZ\"}"),
                400, "malformed request");
        assertProblem(rest.post("/api/v1/mailboxes", "{not json"), 400, "malformed request");
        assertProblem(rest.get("/api/v1/mailboxes/personne@" + DOMAIN + "/messages"), 404, "no mailbox");
        assertProblem(rest.get("/api/v1/mailboxes/dr.martin@" + DOMAIN + "/messages?limit=0"), 400, "limit");
        assertProblem(rest.get("/api/v1/nothing-here"), 404, "");
    }

    /** The version Flyway recorded last, read directly from PostgreSQL. */
    private String latestMigration() throws Exception {
        try (var db = platform.database().connect();
             var rs = db.createStatement().executeQuery(
                     "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static void assertProblem(RestClient.Reply r, int status, String detailPart) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().getInt("status")).isEqualTo(status);
        assertThat(r.json().getString("title")).isNotBlank();
        assertThat(r.json().getString("detail", "")).contains(detailPart);
    }
}
