package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static fr.mssante.it.ApiSecurityIT.assertFieldError;
import static fr.mssante.it.Identities.ADMIN_DEMO;
import static fr.mssante.it.Identities.ADMIN_OTHER;
import static fr.mssante.it.Identities.ADMIN_PASSWORD;
import static fr.mssante.it.Identities.DOMAIN;
import static fr.mssante.it.Identities.DR_MARTIN;
import static fr.mssante.it.Identities.OTHER_TENANT_MAILBOX;
import static fr.mssante.it.RestApiIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/api/admin-api-v1.md with real tokens: establishments, domains, mailboxes (paging, ETag and
 * If-Match, merge patch, Idempotency-Key), and the establishment boundary of tenant administrators.
 */
@ExtendWith(PlatformExtension.class)
class AdminApiIT {

    private static final String MERGE_PATCH = "application/merge-patch+json";
    private final RestClient operator;
    private final RestClient adminDemo;
    private final RestClient adminOther;

    AdminApiIT(LocalPlatform platform) {
        KeycloakClient keycloak = PlatformSession.keycloak();
        this.operator = RestClient.asOperator(platform);
        this.adminDemo = operator.as(keycloak.bearer(ADMIN_DEMO, ADMIN_PASSWORD));
        this.adminOther = operator.as(keycloak.bearer(ADMIN_OTHER, ADMIN_PASSWORD));
    }

    @Test
    void an_operator_creates_lists_and_updates_an_establishment_with_etags() throws Exception {
        String finess = newFiness();
        RestClient.Reply created = operator.post("/api/v1/establishments", "{\"finess\":\"" + finess
                + "\",\"name\":\"Centre hospitalier " + finess + "\",\"contacts\":[{\"name\":\"DSI\",\"role\":\"IT\","
                + "\"email\":\"dsi@example.fr\",\"phone\":\"+33100000000\"}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/v1/establishments/" + finess);
        assertThat(created.json().getJsonArray("contacts").getJsonObject(0).getString("email")).isEqualTo("dsi@example.fr");
        assertThat(created.json().getInt("domainCount")).isZero();

        RestClient.Reply listed = operator.get("/api/v1/establishments?q=" + finess);
        assertThat(listed.json().getInt("total")).isEqualTo(1);
        assertThat(listed.json().getJsonArray("items").getJsonObject(0).getString("finess")).isEqualTo(finess);

        RestClient.Reply read = operator.get("/api/v1/establishments/" + finess);
        String etag = read.header("ETag");
        assertThat(etag).isNotBlank();
        RestClient.Reply patched = operator.send("PATCH", "/api/v1/establishments/" + finess, MERGE_PATCH,
                "{\"name\":\"CH renommé\"}", "If-Match", etag);
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().getString("name")).isEqualTo("CH renommé");
        assertThat(patched.header("ETag")).isNotEqualTo(etag);
        assertProblem(operator.send("PATCH", "/api/v1/establishments/" + finess, MERGE_PATCH, "{\"name\":\"encore\"}",
                "If-Match", etag), 412, "changed since");
    }

    @Test
    void a_finess_needs_nine_digits_and_its_luhn_key() throws Exception {
        assertFieldError(operator.post("/api/v1/establishments", "{\"finess\":\"750000001\",\"name\":\"x\"}"),
                "finess", "check key");
        assertFieldError(operator.post("/api/v1/establishments", "{\"finess\":\"75000\",\"name\":\"x\"}"),
                "finess", "9 digits");
        assertFieldError(operator.post("/api/v1/establishments", "{\"finess\":\"" + newFiness() + "\"}"),
                "name", "required");
        assertFieldError(operator.post("/api/v1/establishments", "{\"finess\":\"" + newFiness()
                + "\",\"name\":\"x\",\"contacts\":[{\"role\":\"DPO\"}]}"), "contacts[0].name", "name");
        assertProblem(operator.post("/api/v1/establishments", "{\"finess\":\"750000002\",\"name\":\"doublon\"}"),
                409, "already exists");
    }

    @Test
    void a_tenant_administrator_sees_their_establishment_only_and_another_is_a_404_like_a_missing_one() throws Exception {
        RestClient.Reply own = adminDemo.get("/api/v1/establishments");
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().getInt("total")).isEqualTo(1);
        assertThat(own.json().getJsonArray("items").getJsonObject(0).getString("finess")).isEqualTo("750000001");
        assertThat(adminDemo.get("/api/v1/establishments/750000001").status()).isEqualTo(200);
        assertThat(adminDemo.get("/api/v1/establishments/750000001/domains").array().toString()).contains(DOMAIN);

        RestClient.Reply other = adminDemo.get("/api/v1/establishments/750000002");
        RestClient.Reply missing = adminDemo.get("/api/v1/establishments/999999990");
        assertProblem(other, 404, "no establishment");
        assertProblem(missing, 404, "no establishment");
        assertProblem(adminDemo.get("/api/v1/establishments/750000002/domains"), 404, "no establishment");
        assertProblem(adminDemo.post("/api/v1/establishments", "{\"finess\":\"" + newFiness() + "\",\"name\":\"x\"}"),
                403, "");
        assertProblem(adminDemo.send("PATCH", "/api/v1/mailboxes/" + OTHER_TENANT_MAILBOX, MERGE_PATCH,
                "{\"displayName\":\"x\"}"), 404, "no mailbox");
        assertProblem(adminDemo.post("/api/v1/mailboxes/" + OTHER_TENANT_MAILBOX + "/suspend", "{}"), 404, "no mailbox");
    }

    @Test
    void domains_come_with_their_dns_records_and_cannot_be_removed_while_they_hold_mailboxes() throws Exception {
        String finess = newFiness();
        assertThat(operator.post("/api/v1/establishments", "{\"finess\":\"" + finess + "\",\"name\":\"Clinique " + finess
                + "\"}").status()).isEqualTo(201);
        String domain = "c" + finess + ".mssante.fr";
        RestClient.Reply added = operator.post("/api/v1/establishments/" + finess + "/domains", "{\"name\":\"" + domain + "\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        String dns = added.json().getJsonArray("expectedDns").toString();
        assertThat(dns).contains("\"MX\"", "\"TXT\"", "v=spf1 mx -all", domain + ".");
        assertProblem(operator.post("/api/v1/establishments/" + finess + "/domains", "{\"name\":\"" + domain + "\"}"),
                409, "already hosted");
        assertFieldError(operator.post("/api/v1/establishments/" + finess + "/domains", "{\"name\":\"pas un domaine\"}"),
                "name", "U+0020");

        assertThat(operator.post("/api/v1/mailboxes", "{\"address\":\"accueil@" + domain + "\",\"type\":\"ORG\"}").status())
                .isEqualTo(201);
        assertThat(operator.get("/api/v1/establishments/" + finess + "/domains").array().getJsonObject(0)
                .getInt("mailboxCount")).isEqualTo(1);
        assertProblem(operator.delete("/api/v1/establishments/" + finess + "/domains/" + domain), 409, "still has");

        String empty = "vide" + finess + ".mssante.fr";
        assertThat(operator.post("/api/v1/establishments/" + finess + "/domains", "{\"name\":\"" + empty + "\"}").status())
                .isEqualTo(201);
        assertThat(operator.delete("/api/v1/establishments/" + finess + "/domains/" + empty).status()).isEqualTo(204);
        assertProblem(operator.delete("/api/v1/establishments/" + finess + "/domains/" + empty), 404, "no domain");
    }

    @Test
    void mailboxes_are_listed_filtered_sorted_and_paged_within_the_callers_establishment() throws Exception {
        RestClient.Reply page = operator.get("/api/v1/mailboxes?domain=" + DOMAIN + "&type=PER&sort=address,desc&size=1");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.json().getInt("size")).isEqualTo(1);
        assertThat(page.json().getJsonArray("items")).hasSize(1);
        assertThat(page.json().getJsonNumber("total").longValue()).isGreaterThanOrEqualTo(2);

        RestClient.Reply search = operator.get("/api/v1/mailboxes?q=martin");
        assertThat(search.json().getJsonArray("items").toString()).contains(DR_MARTIN);

        RestClient.Reply own = adminOther.get("/api/v1/mailboxes?size=500");
        assertThat(own.json().getJsonArray("items").stream().map(v -> v.asJsonObject().getString("establishment")))
                .containsOnly("750000002");
        RestClient.Reply forced = adminOther.get("/api/v1/mailboxes?establishment=750000001&q=martin");
        assertThat(forced.json().getInt("total")).as("a tenant administrator cannot widen the listing").isZero();

        assertFieldError(operator.get("/api/v1/mailboxes?sort=quota"), "sort", "must be one of");
        assertFieldError(operator.get("/api/v1/mailboxes?size=0"), "size", "between");
    }

    @Test
    void a_mailbox_is_patched_under_if_match_and_refused_when_stale() throws Exception {
        String address = "service." + UUID.randomUUID().toString().substring(0, 8) + "@" + DOMAIN;
        RestClient.Reply created = adminDemo.post("/api/v1/mailboxes", "{\"address\":\"" + address
                + "\",\"type\":\"ORG\",\"displayName\":\"Service\",\"owners\":[\"810001234567\"],\"redList\":true}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().getJsonArray("owners").getString(0)).isEqualTo("810001234567");
        assertThat(created.json().getBoolean("redList")).isTrue();
        assertThat(created.json().getBoolean("publishedInDirectory")).isTrue();
        assertThat(created.json().getString("establishment")).isEqualTo("750000001");

        RestClient.Reply read = adminDemo.get("/api/v1/mailboxes/" + address);
        String etag = read.header("ETag");
        assertThat(read.json().getJsonNumber("usedBytes").longValue()).isZero();
        RestClient.Reply patched = adminDemo.send("PATCH", "/api/v1/mailboxes/" + address, MERGE_PATCH,
                "{\"displayName\":null,\"quotaBytes\":2048,\"publishedInDirectory\":false,\"owners\":[\"0123456789\"]}",
                "If-Match", etag);
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        JsonObject m = patched.json();
        assertThat(m.containsKey("displayName")).as("null members are left out (JSON-B default)").isFalse();
        assertThat(m.getJsonNumber("quotaBytes").longValue()).isEqualTo(2048);
        assertThat(m.getBoolean("publishedInDirectory")).isFalse();
        assertThat(m.getJsonArray("owners").getString(0)).isEqualTo("0123456789");

        assertProblem(adminDemo.send("PATCH", "/api/v1/mailboxes/" + address, MERGE_PATCH, "{\"redList\":false}",
                "If-Match", etag), 412, "changed since");
        RestClient.Reply invalid = adminDemo.send("PATCH", "/api/v1/mailboxes/" + address, MERGE_PATCH,
                "{\"quotaBytes\":\"lots\",\"address\":\"x@" + DOMAIN + "\"}");
        assertProblem(invalid, 400, "");
        assertThat(invalid.json().getJsonArray("errors").toString()).contains("\"address\"", "\"quotaBytes\"");
        assertFieldError(adminDemo.send("PATCH", "/api/v1/mailboxes/" + address, MERGE_PATCH, "{\"owners\":[\"123\"]}"),
                "owners[0]", "national id");
    }

    @Test
    void a_per_mailbox_needs_a_well_formed_owner_national_id() throws Exception {
        String address = "dr." + UUID.randomUUID().toString().substring(0, 8) + "@" + DOMAIN;
        assertFieldError(operator.post("/api/v1/mailboxes", "{\"address\":\"" + address + "\",\"type\":\"PER\"}"),
                "ownerNationalId", "required");
        assertFieldError(operator.post("/api/v1/mailboxes", "{\"address\":\"" + address
                + "\",\"type\":\"PER\",\"ownerNationalId\":\"81234\"}"), "ownerNationalId", "RPPS");
        assertFieldError(operator.post("/api/v1/mailboxes", "{\"address\":\"" + address
                + "\",\"type\":\"APP\",\"ownerNationalId\":\"810001234567\"}"), "ownerNationalId", "only a PER");
    }

    @Test
    void a_create_with_an_idempotency_key_is_replayed_and_the_key_cannot_be_reused_for_another_body() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"address\":\"idem." + key.substring(0, 8) + "@" + DOMAIN + "\",\"type\":\"ORG\"}";
        RestClient.Reply first = operator.send("POST", "/api/v1/mailboxes", "application/json", body, "Idempotency-Key", key);
        RestClient.Reply again = operator.send("POST", "/api/v1/mailboxes", "application/json", body, "Idempotency-Key", key);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));

        RestClient.Reply other = operator.send("POST", "/api/v1/mailboxes", "application/json",
                body.replace("idem.", "autre."), "Idempotency-Key", key);
        assertProblem(other, 422, "another request");
        assertProblem(operator.send("POST", "/api/v1/mailboxes", "application/json", body), 409, "already exists");
    }

    @Test
    void a_csv_import_is_checked_line_by_line_then_applied_and_a_rerun_creates_nothing() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String csv = "address,type,displayName,ownerNationalId,quotaMb,publishedInDirectory,redList\r\n"
                + "imp.per." + tag + "@" + DOMAIN + ",PER,\"Dr Import, Jean\",810001234567,100,true,false\r\n"
                + "imp.org." + tag + "@" + DOMAIN + ",ORG,Accueil,,,,\r\n"
                + "imp.bad." + tag + "@" + DOMAIN + ",PER,,123,,,\r\n"
                + "x." + tag + "@" + Identities.OTHER_DOMAIN + ",ORG,,,,,\r\n"
                + DR_MARTIN + ",PER,,810001234567,,,\r\n";
        RestClient.Reply dry = adminDemo.send("POST", "/api/v1/mailboxes/import?dryRun=true", "text/csv", csv);
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        assertThat(dry.json().getBoolean("dryRun")).isTrue();
        assertThat(dry.json().getInt("created")).isEqualTo(2);
        assertThat(dry.json().getInt("unchanged")).isEqualTo(1);
        assertThat(dry.json().getInt("failed")).isEqualTo(2);
        JsonObject bad = dry.json().getJsonArray("lines").getJsonObject(2);
        assertThat(bad.getInt("line")).isEqualTo(4);
        assertThat(bad.getString("action")).isEqualTo("ERROR");
        assertThat(bad.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("ownerNationalId");
        assertThat(dry.json().getJsonArray("lines").getJsonObject(3).getJsonArray("errors").getJsonObject(0)
                .getString("message")).contains("not hosted for your establishment");
        assertThat(adminDemo.get("/api/v1/mailboxes/imp.per." + tag + "@" + DOMAIN).status())
                .as("a dry run creates nothing").isEqualTo(404);

        RestClient.Reply applied = adminDemo.send("POST", "/api/v1/mailboxes/import?dryRun=false", "text/csv", csv);
        assertThat(applied.json().getInt("created")).as(applied.body()).isEqualTo(2);
        RestClient.Reply per = adminDemo.get("/api/v1/mailboxes/imp.per." + tag + "@" + DOMAIN);
        assertThat(per.json().getString("displayName")).isEqualTo("Dr Import, Jean");
        assertThat(per.json().getJsonNumber("quotaBytes").longValue()).isEqualTo(100L * 1024 * 1024);

        RestClient.Reply rerun = adminDemo.send("POST", "/api/v1/mailboxes/import?dryRun=false", "text/csv", csv);
        assertThat(rerun.json().getInt("created")).isZero();
        assertThat(rerun.json().getInt("unchanged")).isEqualTo(3);
        assertFieldError(adminDemo.send("POST", "/api/v1/mailboxes/import", "text/csv", "adresse;type\r\n"), "file",
                "unknown column");
    }

    @Test
    void the_openapi_document_and_the_api_page_are_public() throws Exception {
        RestClient anonymous = operator.as(null);
        RestClient.Reply document = anonymous.get("/api/v1/openapi?format=JSON");
        assertThat(document.status()).as(document.body()).isEqualTo(200);
        assertThat(document.json().getString("openapi")).startsWith("3.");
        assertThat(document.json().getJsonObject("paths").keySet()).contains("/api/v1/establishments",
                "/api/v1/mailboxes/{address}", "/api/v1/mailboxes/import");
        RestClient.Reply page = anonymous.get("/api/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui-bundle.js", "/api-docs/api-docs.js");
        assertThat(anonymous.get("/api-docs/vendor/swagger-ui/swagger-ui-bundle.js").status()).isEqualTo(200);
    }

    /** Eight random digits and the Luhn key that makes the nine valid. */
    static String newFiness() {
        String body = String.format("%08d", ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000));
        for (int key = 0; key <= 9; key++) {
            if (luhn(body + key)) {
                return body + key;
            }
        }
        throw new IllegalStateException("unreachable: one key digit always completes a Luhn number");
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
        }
        return sum % 10 == 0;
    }
}
