package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A professional opens the self-service page in a real (headless) Chromium, logs in with "Pro Santé
 * Connect" (the esante-wallet stand-in realm, brokered by the mssante realm) and comes back
 * authenticated; the operator realm then holds a user named by the national id, linked to psc.
 */
@ExtendWith(PlatformExtension.class)
class SelfServiceBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(45);

    private final LocalPlatform platform;
    private final KeycloakClient admin;
    private HeadlessChromium chromium;
    private WebDriver browser;

    SelfServiceBrowserIT(LocalPlatform platform) {
        this.platform = platform;
        this.admin = PlatformSession.keycloak();
    }

    @BeforeEach
    void openBrowser() throws Exception {
        chromium = new HeadlessChromium(1280, 900);
        browser = chromium.driver();
    }

    @AfterEach
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void a_professional_logs_in_with_pro_sante_connect_and_gets_a_user_named_by_national_id() throws Exception {
        logInWithProSanteConnect("810001234567", "Demo-Psc-2026");

        assertThat(browser.findElement(By.id("national-id")).getText()).isEqualTo("810001234567");
        assertThat(browser.findElement(By.id("display-name")).getText()).isEqualTo("Jean Martin");
        Map<String, Object> claims = tokenClaims();
        assertThat(claims).containsEntry("rpps", "810001234567")
                .containsEntry("preferred_username", "810001234567")
                .containsEntry("azp", "mssante-console")
                .containsEntry("iss", platform.keycloak().realmUrl("mssante"));
        assertThat(audience(claims)).contains("mssante-api");
        assertThat(realmRoles(claims)).contains("practitioner");

        JsonObject user = admin.user("mssante", "810001234567");
        assertThat(user).as("user created in the mssante realm by the first PSC login").isNotNull();
        assertThat(user.getJsonObject("attributes").getJsonArray("rpps").getString(0)).isEqualTo("810001234567");
        assertThat(user.getString("firstName")).isEqualTo("Jean");
        assertThat(user.getString("lastName")).isEqualTo("Martin");
        assertLinkedToPsc(user);
    }

    /**
     * The newcomer's path of the issue: after the PSC login the page lists the mailboxes from the API,
     * creates an app password shown once, and that password opens the mailbox over IMAP STARTTLS.
     */
    @Test
    void the_page_lists_the_professionals_mailboxes_and_creates_an_app_password_that_works_over_starttls()
            throws Exception {
        logInWithProSanteConnect("810001234567", "Demo-Psc-2026");
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.until(ExpectedConditions.attributeToBe(By.id("national-id"), "data-source", "api"));
        By ownMailbox = By.cssSelector("section.mailbox[data-address='" + Identities.DR_MARTIN + "']");
        wait.until(ExpectedConditions.presenceOfElementLocated(ownMailbox));
        assertThat(browser.findElements(By.cssSelector("section.mailbox")).stream()
                .map(section -> section.getAttribute("data-address")))
                .contains(Identities.DR_MARTIN, Identities.SECRETARIAT);

        String device = "Thunderbird " + System.nanoTime();
        browser.findElement(ownMailbox).findElement(By.cssSelector("input.new-password-name")).sendKeys(device);
        browser.findElement(ownMailbox).findElement(By.cssSelector("button.create-password")).click();
        wait.until(ExpectedConditions.textMatches(By.id("new-password"), java.util.regex.Pattern.compile(".{23}")));
        String password = browser.findElement(By.id("new-password")).getText();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(ownMailbox, device));

        try (MailWire imap = MailWire.plain(platform.settings().imapPort())) {
            imap.line();
            assertThat(MailWire.last(imap.imap("STARTTLS"))).startsWith("t1 OK");
            imap.startTls(TestTls.trusting(platform.caCertificate()));
            assertThat(MailWire.last(imap.imap("LOGIN " + Identities.DR_MARTIN + " " + password))).startsWith("t2 OK");
        }
    }

    @Test
    void a_test_identity_with_a_non_numeric_national_id_is_linked_to_the_existing_user_of_that_id() throws Exception {
        // Provisioned beforehand (e.g. by an administrator): the first PSC login links to it, by national id.
        admin.adminPost("mssante", "/users", "{\"username\":\"ANS20231122132732\",\"enabled\":true,"
                + "\"firstName\":\"Camille\",\"lastName\":\"Provisionnée\"}");
        String provisionedId = admin.user("mssante", "ANS20231122132732").getString("id");

        logInWithProSanteConnect("ANS20231122132732", "Demo-Psc-2026");

        assertThat(browser.findElement(By.id("national-id")).getText()).isEqualTo("ANS20231122132732");
        assertThat(tokenClaims()).containsEntry("rpps", "ANS20231122132732");
        JsonObject user = admin.user("mssante", "ANS20231122132732");
        assertThat(user.getString("id")).as("linked, not duplicated").isEqualTo(provisionedId);
        assertThat(user.getJsonObject("attributes").getJsonArray("rpps").getString(0)).isEqualTo("ANS20231122132732");
        assertThat(user.getString("lastName")).as("names synchronised from PSC").isEqualTo("Test-ANS");
        assertLinkedToPsc(user);
    }

    @Test
    void the_psc_stand_in_gives_the_claims_of_pro_sante_connect_in_userinfo() throws Exception {
        String client = ((JsonArray) admin.adminGet("esante-wallet", "/clients?clientId=mssante-operator"))
                .getJsonObject(0).getString("id");
        String userId = admin.user("esante-wallet", "810009876543").getString("id");
        JsonObject userinfo = (JsonObject) admin.adminGet("esante-wallet", "/clients/" + client
                + "/evaluate-scopes/generate-example-userinfo?scope=openid%20scope_all&userId=" + userId);

        assertThat(userinfo.getString("SubjectNameID")).isEqualTo("810009876543");
        assertThat(userinfo.getString("given_name")).isEqualTo("Claire");
        assertThat(userinfo.getString("family_name")).isEqualTo("Durand");
        assertThat(userinfo.getJsonArray("SubjectRole").getString(0)).isEqualTo("10^1.2.250.1.213.1.1.5.5");
        JsonObject exercice = userinfo.getJsonObject("SubjectRefPro").getJsonArray("exercices").getJsonObject(0);
        assertThat(exercice.getString("codeProfession")).isEqualTo("10");
        assertThat(exercice.getJsonArray("activities").stream()
                .map(a -> a.asJsonObject().getString("numeroFinessSite")))
                .as("two practices").containsExactly("750000001", "750000002");

        JsonObject idToken = (JsonObject) admin.adminGet("esante-wallet", "/clients/" + client
                + "/evaluate-scopes/generate-example-id-token?scope=openid%20scope_all&userId=" + userId);
        assertThat(idToken.getString("acr")).as("not overridden by Keycloak's own acr").isEqualTo("eidas1");
    }

    /** Page → "Se connecter avec Pro Santé Connect" → mssante → esante-wallet login form → back on the page. */
    private void logInWithProSanteConnect(String nationalId, String password) {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        browser.get(platform.baseUrl() + "/self-service/");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("login"))).click();

        wait.until(ExpectedConditions.urlContains("/realms/esante-wallet/protocol/openid-connect/auth"));
        assertThat(browser.getCurrentUrl()).as("PSC request").contains("acr_values=eidas1")
                .contains("scope=openid+scope_all").contains("code_challenge_method=S256");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(nationalId);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("kc-login")).click();

        wait.until(ExpectedConditions.urlContains(platform.baseUrl() + "/self-service/"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("authenticated")));
        wait.until(d -> !d.findElement(By.id("national-id")).getText().isEmpty());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> tokenClaims() {
        return (Map<String, Object>) ((JavascriptExecutor) browser)
                .executeScript("return window.mssanteSelfService.tokenParsed();");
    }

    @SuppressWarnings("unchecked")
    private static List<String> audience(Map<String, Object> claims) {
        Object aud = claims.get("aud");
        return aud instanceof List<?> ? (List<String>) aud : List.of(String.valueOf(aud));
    }

    @SuppressWarnings("unchecked")
    private static List<String> realmRoles(Map<String, Object> claims) {
        return (List<String>) ((Map<String, Object>) claims.get("realm_access")).get("roles");
    }

    private void assertLinkedToPsc(JsonObject user) throws Exception {
        JsonArray links = (JsonArray) admin.adminGet("mssante", "/users/" + user.getString("id") + "/federated-identity");
        assertThat(links).hasSize(1);
        assertThat(links.getJsonObject(0).getString("identityProvider")).isEqualTo("psc");
        JsonArray roles = (JsonArray) admin.adminGet("mssante", "/users/" + user.getString("id") + "/role-mappings/realm");
        assertThat(roles.stream().map(r -> r.asJsonObject().getString("name"))).contains("practitioner");
    }
}
