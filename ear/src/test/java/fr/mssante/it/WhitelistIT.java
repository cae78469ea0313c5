package fr.mssante.it;

import fr.mssante.devstack.DevWhitelist;
import fr.mssante.devstack.LocalPlatform;
import fr.mssante.devstack.WhitelistServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static fr.mssante.it.Identities.ADMIN_DEMO;
import static fr.mssante.it.Identities.ADMIN_PASSWORD;
import static fr.mssante.it.Identities.DOMAIN;
import static fr.mssante.it.Identities.DR_MARTIN_ID;
import static fr.mssante.it.Identities.OTHER_DOMAIN;
import static fr.mssante.it.Identities.PRACTITIONER_TEST_PASSWORD;
import static fr.mssante.it.RestApiIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The national whitelist as the platform fetches it from the devstack's stand-in for ANS's publication
 * (HTTPS with the dev CA, list and sha256sum file): the list in use over REST and in the operator's health details, who may
 * refresh it, and the last-good rule — a truncated download or one that does not match its published
 * digest is refused, audited and shown, and the list in use stays; a valid new list becomes a new version.
 */
@ExtendWith(PlatformExtension.class)
class WhitelistIT {

    private static final String OTHER_OPERATOR_DOMAIN = "autre-operateur.mssante-test.fr";
    private static final String OTHER_OPERATOR_DN = "CN=mx.autre-operateur.mssante-test.fr,OU=12345678900012,O=Autre operateur,C=FR";

    private final WhitelistServer served;
    private final RestClient operator;
    private final RestClient tenantAdmin;
    private final RestClient anonymous;
    private final KeycloakClient keycloak = PlatformSession.keycloak();
    private final String platformDn;

    WhitelistIT(LocalPlatform platform) throws Exception {
        this.served = platform.whitelistServer();
        this.operator = RestClient.asOperator(platform);
        this.tenantAdmin = operator.as(keycloak.bearer(ADMIN_DEMO, ADMIN_PASSWORD));
        this.anonymous = new RestClient(platform.baseUrl());
        this.platformDn = served.serverSubject();
    }

    @Test
    void the_list_served_by_the_devstack_is_in_use_with_each_domains_operator() throws Exception {
        assertThat(DevWhitelist.DEMO_DOMAINS).as("the devstack's copy of the demo data's domains")
                .containsExactlyInAnyOrder(DOMAIN, OTHER_DOMAIN);
        JsonObject list = awaitCurrent();
        assertThat(list.getBoolean("empty")).isFalse();
        assertThat(list.getBoolean("stale")).isFalse();
        assertThat(list.getJsonNumber("ageSeconds").longValue()).isBetween(0L, 3600L);
        assertThat(list.getString("source")).isEqualTo(served.listUrl().toString());
        JsonObject current = list.getJsonObject("current");
        assertThat(current.getString("sha256")).matches("[0-9a-f]{64}");
        assertThat(current.getInt("domainCount")).isEqualTo(list.getJsonObject("domains").getInt("total"));

        assertThat(operatorOf(list, DOMAIN)).isEqualTo(platformDn);
        assertThat(operatorOf(list, OTHER_DOMAIN)).isEqualTo(platformDn);
        assertThat(operatorOf(list, DevWhitelist.TEST_PEER_DOMAIN)).isEqualTo(DevWhitelist.TEST_PEER_DN);

        // The domains of an operator, found by its certificate subject however spaced and cased.
        String spelled = DevWhitelist.TEST_PEER_DN.replace(",", ", ").toLowerCase();
        JsonObject peer = operator.get("/api/v1/whitelist?operator=" + encode(spelled)).json();
        assertThat(domains(peer)).containsExactly(DevWhitelist.TEST_PEER_DOMAIN);
        assertThat(domains(operator.get("/api/v1/whitelist?q=HOPITAL").json())).containsExactly(DOMAIN);
        assertProblem(operator.get("/api/v1/whitelist?operator=" + encode("not a DN")), 400, "operator");
        JsonObject page = operator.get("/api/v1/whitelist?size=1&page=1&sort=domain,desc").json().getJsonObject("domains");
        assertThat(page.getJsonArray("items")).hasSize(1);
        assertThat(page.getInt("total")).isGreaterThanOrEqualTo(3);

        JsonObject health = operator.get("/api/v1/health").json().getJsonObject("checks").getJsonObject("whitelist");
        assertThat(health.getString("status")).isEqualTo("UP");
        assertThat(health.getBoolean("stale")).isFalse();
        assertThat(health.getJsonNumber("ageSeconds").longValue()).isBetween(0L, 3600L);
        assertThat(health.getInt("domains")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void establishments_read_the_list_but_only_the_operator_refreshes_it() throws Exception {
        awaitCurrent();
        RestClient.Reply read = tenantAdmin.get("/api/v1/whitelist");
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(domains(read.json())).contains(DOMAIN, DevWhitelist.TEST_PEER_DOMAIN);
        assertThat(tenantAdmin.get("/api/v1/whitelist/versions").status()).isEqualTo(200);

        assertThat(tenantAdmin.post("/api/v1/whitelist/refresh", "").status()).isEqualTo(403);
        keycloak.ensurePractitioner(DR_MARTIN_ID, PRACTITIONER_TEST_PASSWORD);
        RestClient practitioner = operator.as(keycloak.bearer(DR_MARTIN_ID, PRACTITIONER_TEST_PASSWORD));
        assertThat(practitioner.get("/api/v1/whitelist").status()).isEqualTo(403);
        assertThat(practitioner.post("/api/v1/whitelist/refresh", "").status()).isEqualTo(403);
        assertThat(anonymous.get("/api/v1/whitelist").status()).isEqualTo(401);
        assertThat(anonymous.post("/api/v1/whitelist/refresh", "").status()).isEqualTo(401);
    }

    @Test
    void a_bad_download_never_replaces_the_list_and_a_valid_new_one_becomes_a_version() throws Exception {
        awaitCurrent();
        byte[] platformList = DevWhitelist.xml(DevWhitelist.platformList(platformDn));
        try {
            // The list in use is what is served.
            DevWhitelist.publish(served.directory(), platformList, DevWhitelist.digestFile(platformList));
            JsonObject refreshed = refresh(200);
            JsonObject inUse = refreshed.getJsonObject("current");
            assertThat(inUse.getString("sha256")).isEqualTo(DevWhitelist.sha256(platformList));
            long version = inUse.getJsonNumber("version").longValue();
            int versionsBefore = versionCount();

            // Truncated (its digest file is right for the bytes served: the parser catches it).
            byte[] truncated = Arrays.copyOf(platformList, platformList.length * 2 / 3);
            DevWhitelist.publish(served.directory(), truncated, DevWhitelist.digestFile(truncated));
            assertProblem(operator.post("/api/v1/whitelist/refresh", ""), 502, "whitelist download refused");
            assertListStays(version, "truncated");
            awaitAudit("WHITELIST_REJECTED", "truncated", "kept=version " + version);

            // A complete list whose published digest is another file's.
            byte[] altered = DevWhitelist.xml(List.of(new DevWhitelist.Entry("intrus.mssante-test.fr", "CN=intrus,C=FR")));
            DevWhitelist.publish(served.directory(), altered, DevWhitelist.digestFile(platformList));
            RestClient.Reply mismatch = operator.post("/api/v1/whitelist/refresh", "");
            assertProblem(mismatch, 502, "SHA-256 mismatch");
            assertThat(mismatch.json().getString("detail")).contains("the list in use stays version " + version);
            assertListStays(version, "SHA-256 mismatch");
            assertThat(domains(operator.get("/api/v1/whitelist?q=intrus").json())).isEmpty();
            awaitAudit("WHITELIST_REJECTED", "SHA-256 mismatch", "kept=version " + version);
            assertThat(versionCount()).isEqualTo(versionsBefore);

            // A valid new list: a new version, in use at once.
            List<DevWhitelist.Entry> entries = new ArrayList<>(DevWhitelist.platformList(platformDn));
            entries.add(new DevWhitelist.Entry(OTHER_OPERATOR_DOMAIN, OTHER_OPERATOR_DN));
            byte[] next = DevWhitelist.xml(entries);
            DevWhitelist.publish(served.directory(), next, DevWhitelist.digestFile(next));
            JsonObject updated = refresh(200);
            assertThat(updated.getString("result")).isEqualTo("UPDATED");
            long nextVersion = updated.getJsonObject("current").getJsonNumber("version").longValue();
            assertThat(nextVersion).isGreaterThan(version);
            JsonObject list = operator.get("/api/v1/whitelist").json();
            assertThat(list.getBoolean("lastAttemptFailed")).isFalse();
            assertThat(operatorOf(list, OTHER_OPERATOR_DOMAIN)).isEqualTo(OTHER_OPERATOR_DN);
            JsonObject newest = operator.get("/api/v1/whitelist/versions").json().getJsonArray("items").getJsonObject(0);
            assertThat(newest.getJsonNumber("version").longValue()).isEqualTo(nextVersion);
            assertThat(newest.getString("sha256")).isEqualTo(DevWhitelist.sha256(next));
            assertThat(newest.getInt("domainCount")).isEqualTo(entries.size());
            assertThat(versionCount()).isEqualTo(versionsBefore + 1);
            awaitAudit("WHITELIST_UPDATED", "version=" + nextVersion, "sha256=" + DevWhitelist.sha256(next));

            // The same file again: no new version, a later check time.
            String checked = newest.getString("lastCheckedAt");
            JsonObject unchanged = refresh(200);
            assertThat(unchanged.getString("result")).isEqualTo("UNCHANGED");
            assertThat(unchanged.getJsonObject("current").getJsonNumber("version").longValue()).isEqualTo(nextVersion);
            assertThat(unchanged.getJsonObject("current").getString("lastCheckedAt")).isNotEqualTo(checked);
            assertThat(versionCount()).isEqualTo(versionsBefore + 1);
        } finally {
            // The other tests of the run exchange mail under the dev list.
            DevWhitelist.publish(served.directory(), platformList, DevWhitelist.digestFile(platformList));
            refresh(200);
        }
    }

    /** The list in use is still {@code version}, and the failed attempt is shown over REST and in the health details. */
    private void assertListStays(long version, String reason) throws Exception {
        JsonObject list = operator.get("/api/v1/whitelist").json();
        assertThat(list.getJsonObject("current").getJsonNumber("version").longValue()).isEqualTo(version);
        assertThat(domains(list)).contains(DOMAIN, OTHER_DOMAIN, DevWhitelist.TEST_PEER_DOMAIN);
        assertThat(list.getBoolean("lastAttemptFailed")).isTrue();
        assertThat(list.getString("lastError")).contains(reason);
        assertThat(list.getString("lastErrorAt")).isEqualTo(list.getString("lastAttemptAt"));
        JsonObject health = operator.get("/api/v1/health").json().getJsonObject("checks").getJsonObject("whitelist");
        assertThat(health.getBoolean("lastAttemptFailed")).isTrue();
        assertThat(health.getString("lastError")).contains(reason);
        assertThat(health.getJsonNumber("version").longValue()).isEqualTo(version);
    }

    private JsonObject refresh(int status) throws Exception {
        RestClient.Reply reply = operator.post("/api/v1/whitelist/refresh", "");
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        return reply.json();
    }

    private int versionCount() throws Exception {
        return operator.get("/api/v1/whitelist/versions").json().getInt("total");
    }

    /** The list in use, once the platform's first refresh (a few seconds after deployment) has loaded one. */
    private JsonObject awaitCurrent() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (true) {
            RestClient.Reply reply = operator.get("/api/v1/whitelist?size=500");
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            JsonObject list = reply.json();
            // Null members are left out of responses: no "current" while the list is empty.
            boolean inUse = list.containsKey("current") && list.get("current").getValueType() == JsonValue.ValueType.OBJECT;
            if (inUse || Instant.now().isAfter(deadline)) {
                assertThat(list.getBoolean("empty")).as("a list is in use: %s", reply.body()).isFalse();
                return list;
            }
            Thread.sleep(500);
        }
    }

    /** The audit trail shows an event of this type whose details contain every part. */
    private void awaitAudit(String type, String... parts) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            boolean found = operator.get("/api/v1/audit?type=" + type + "&size=50").json().getJsonArray("items").stream()
                    .map(JsonValue::asJsonObject)
                    .anyMatch(e -> Arrays.stream(parts).allMatch(e.getString("details", "")::contains));
            if (found) {
                return;
            }
            assertThat(Instant.now()).as("an audit event %s with %s", type, List.of(parts)).isBefore(deadline);
            Thread.sleep(300);
        }
    }

    private static String operatorOf(JsonObject list, String domain) {
        return list.getJsonObject("domains").getJsonArray("items").stream().map(JsonValue::asJsonObject)
                .filter(e -> e.getString("domain").equals(domain)).map(e -> e.getString("operatorDn"))
                .findFirst().orElseThrow(() -> new AssertionError(domain + " is not in " + list));
    }

    private static List<String> domains(JsonObject list) {
        return list.getJsonObject("domains").getJsonArray("items").stream()
                .map(v -> v.asJsonObject().getString("domain")).toList();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
