package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import jakarta.json.JsonObject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

import static fr.mssante.it.Identities.ADMIN_DEMO;
import static fr.mssante.it.Identities.ADMIN_PASSWORD;
import static fr.mssante.it.Identities.DOMAIN;
import static fr.mssante.it.Identities.DR_MARTIN_ID;
import static fr.mssante.it.Identities.OTHER_DOMAIN;
import static fr.mssante.it.Identities.OTHER_TENANT_MAILBOX;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The establishments' console at /console/ in a real headless Chromium against the deployed platform,
 * as its users go through it: an establishment administrator creates a mailbox and delegates it, the
 * practitioner logs in with Pro Santé Connect, creates an app password and reads the mailbox over IMAP,
 * the message's trace shows it accepted, delivered and read, the administrator suspends the mailbox and
 * the IMAP login is refused; a CSV import; the audit export; and an administrator who never sees the
 * other establishment. Screenshots of every step are saved under {@code target/screenshots/}.
 */
@ExtendWith(PlatformExtension.class)
class ConsoleBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final String PSC_PASSWORD = "Demo-Psc-2026";
    private static final String OTHER_FINESS = "750000002";

    private final LocalPlatform platform;
    private HeadlessChromium chromium;
    private WebDriver browser;
    private WebDriverWait wait;

    ConsoleBrowserIT(LocalPlatform platform) {
        this.platform = platform;
    }

    @BeforeEach
    void openBrowser() throws Exception {
        chromium = new HeadlessChromium(1280, 900);
        browser = chromium.driver();
        wait = new WebDriverWait(browser, WAIT);
    }

    @AfterEach
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void an_administrator_delegates_a_new_mailbox_that_the_practitioner_reads_until_it_is_suspended() throws Exception {
        String address = "cardio-" + UUID.randomUUID().toString().substring(0, 8) + "@" + DOMAIN;

        logInLocally(ADMIN_DEMO, ADMIN_PASSWORD);
        chromium.screenshot("console-01-dashboard");
        go("#/boites/nouvelle");
        type("mailbox-address", address);
        new Select(byId("mailbox-type")).selectByValue("ORG");
        type("mailbox-display-name", "Cardiologie, secrétariat du soir");
        chromium.screenshot("console-02-new-mailbox");
        byId("mailbox-submit").click();
        wait.until(ExpectedConditions.attributeToBe(By.id("mailbox-status"), "data-status", "ACTIVE"));
        chromium.screenshot("console-03-mailbox-created");

        type("delegation-national-id", DR_MARTIN_ID);
        check("delegation-right-READ_WRITE");
        byId("delegation-grant").click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-national-id='" + DR_MARTIN_ID + "']")));
        chromium.screenshot("console-04-delegation-granted");
        logOut();

        logInWithProSanteConnect(DR_MARTIN_ID, PSC_PASSWORD);
        go("#/mon-espace");
        By delegated = By.cssSelector("section.mailbox[data-address='" + address + "']");
        wait.until(ExpectedConditions.presenceOfElementLocated(delegated));
        WebElement section = browser.findElement(delegated);
        section.findElement(By.cssSelector("input[name='name']")).sendKeys("Thunderbird du secrétariat");
        section.findElement(By.cssSelector("[data-testid='me-app-password-create']")).click();
        wait.until(ExpectedConditions.textMatches(By.id("new-password"), java.util.regex.Pattern.compile("\\S{16,}")));
        String password = byId("new-password").getText();
        chromium.screenshot("console-05-app-password-shown-once");
        logOut();

        String messageId = "<console-" + UUID.randomUUID() + "@laboratoire.test>";
        try (SmtpClient smtp = SmtpClient.asPeerOperator(platform)) {
            var message = smtp.message(TestPeerOperator.address("labo"), "Résultats", "Bonjour", address);
            message.setHeader("Message-ID", messageId);
            smtp.send(message);
        }
        assertThat(readFirstMessage(address, password)).as("the delegate reads the mailbox over IMAP STARTTLS").contains("Bonjour");

        logInLocally(ADMIN_DEMO, ADMIN_PASSWORD);
        go("#/tracage");
        type("trace-message-id", messageId);
        byId("trace-search").click();
        By read = By.cssSelector("article[data-queue-id] li[data-type='READ'].done");
        wait.until(ExpectedConditions.presenceOfElementLocated(read));
        WebElement trace = browser.findElement(By.cssSelector("article[data-queue-id]"));
        assertThat(trace.findElements(By.cssSelector("li.done")).stream().map(li -> li.getAttribute("data-type")))
                .containsSubsequence("ACCEPTED", "DELIVERED", "READ");
        assertThat(trace.getText()).doesNotContain("Bonjour");
        chromium.screenshot("console-06-trace-accepted-delivered-read");

        go("#/boites/" + address);
        wait.until(ExpectedConditions.attributeToBe(By.id("mailbox-status"), "data-status", "ACTIVE"));
        byId("mailbox-suspend").click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-ok"))).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("mailbox-status"), "data-status", "SUSPENDED"));
        chromium.screenshot("console-07-mailbox-suspended");
        assertThat(imapLogin(address, password)).as("a suspended mailbox refuses the login").startsWith("t2 NO");
    }

    @Test
    void an_administrator_imports_mailboxes_from_csv_after_a_dry_run() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Path csv = Files.createTempFile("import", ".csv");
        Files.writeString(csv, "address,type,displayName,ownerNationalId,quotaMb,publishedInDirectory,redList\n"
                + "accueil-" + suffix + "@" + DOMAIN + ",ORG,Accueil,,500,true,false\n"
                + "urgences-" + suffix + "@" + DOMAIN + ",ORG,Urgences,,500,false,true\n"
                + "intrus-" + suffix + "@" + OTHER_DOMAIN + ",ORG,Intrus,,500,false,false\n");

        logInLocally(ADMIN_DEMO, ADMIN_PASSWORD);
        go("#/import");
        byId("import-file").sendKeys(csv.toString());
        byId("import-dry-run").click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-dry-run-report-summary")));
        WebElement dryRun = byId("import-dry-run-report-summary");
        assertThat(dryRun.getAttribute("data-created")).isEqualTo("2");
        assertThat(dryRun.getAttribute("data-failed")).as("the other establishment's domain").isEqualTo("1");
        chromium.screenshot("console-08-import-dry-run");
        RestClient operator = RestClient.asOperator(platform);
        assertThat(operator.get("/api/v1/mailboxes/accueil-" + suffix + "@" + DOMAIN).status())
                .as("a dry run creates nothing").isEqualTo(404);

        byId("import-apply").click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-final-report-summary")));
        assertThat(byId("import-final-report-summary").getAttribute("data-created")).isEqualTo("2");
        chromium.screenshot("console-09-import-applied");
        JsonObject urgences = operator.get("/api/v1/mailboxes/urgences-" + suffix + "@" + DOMAIN).json();
        assertThat(urgences.getBoolean("redList")).isTrue();
        assertThat(operator.get("/api/v1/mailboxes/intrus-" + suffix + "@" + OTHER_DOMAIN).status()).isEqualTo(404);
    }

    @Test
    void the_audit_export_downloads_a_csv_of_the_establishments_events() throws Exception {
        logInLocally(ADMIN_DEMO, ADMIN_PASSWORD);
        go("#/audit");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#audit-table tbody tr")));
        byId("audit-export").click();
        WebElement link = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("download-link")));
        assertThat(link.getAttribute("download")).endsWith(".csv");
        String csv = (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(document.getElementById('download-link').href).then(r => r.text()).then(done, e => done('ERROR ' + e));");
        List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(csv)).getRecords();
        assertThat(records).isNotEmpty();
        assertThat(records.get(0).toMap()).containsKeys("occurredAt", "type", "actor");
        assertThat(csv.toLowerCase(Locale.ROOT)).doesNotContain(OTHER_DOMAIN).doesNotContain(OTHER_FINESS);
        chromium.screenshot("console-10-audit");
    }

    @Test
    void an_establishment_administrator_never_sees_the_other_establishment() throws Exception {
        logInLocally(ADMIN_DEMO, ADMIN_PASSWORD);
        for (String screen : List.of("#/tableau-de-bord", "#/etablissements", "#/boites", "#/audit", "#/import", "#/tracage")) {
            go(screen);
            wait.until(d -> !d.findElements(By.cssSelector("main h1")).isEmpty());
            Thread.sleep(500);
            assertThat(pageText()).as(screen).doesNotContain(OTHER_DOMAIN).doesNotContain(OTHER_FINESS);
        }
        go("#/boites?q=accueil");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("mailboxes-table")));
        assertThat(pageText()).doesNotContain(OTHER_DOMAIN);
        chromium.screenshot("console-11-own-mailboxes-only");

        go("#/boites/" + OTHER_TENANT_MAILBOX);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("access-error")));
        assertThat(browser.findElements(By.id("mailbox-status"))).as("no detail of the other mailbox").isEmpty();
        go("#/etablissements/" + OTHER_FINESS);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("access-error")));
        assertThat(browser.findElements(By.id("domains-list"))).isEmpty();
        chromium.screenshot("console-12-other-establishment-not-found");
    }

    /**
     * axe-core's WCAG 2.1 A and AA rules on every screen an establishment administrator opens, on a
     * desktop and on a phone width: labels, contrast, landmarks, names of controls, ARIA use.
     */
    @Test
    void every_screen_meets_wcag_2_1_aa_on_a_desktop_and_on_a_phone() throws Exception {
        String axe = axeCore();
        logInLocally(ADMIN_DEMO, ADMIN_PASSWORD);
        List<String> violations = new ArrayList<>();
        for (Dimension size : List.of(new Dimension(1280, 900), new Dimension(375, 812))) {
            browser.manage().window().setSize(size);
            for (String screen : List.of("#/tableau-de-bord", "#/etablissements", "#/boites", "#/boites/nouvelle",
                    "#/boites/" + Identities.DR_MARTIN, "#/import", "#/audit", "#/tracage", "#/mon-espace")) {
                go(screen);
                wait.until(d -> !d.findElements(By.cssSelector("main h1")).isEmpty());
                Thread.sleep(500);
                ((JavascriptExecutor) browser).executeScript(axe);
                Object found = ((JavascriptExecutor) browser).executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                                + ".then(r => done(r.violations.map(v => v.id + ' (' + v.nodes.length + '): '"
                                + " + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))), e => done(['axe failed: ' + e]));");
                for (Object violation : (List<?>) found) {
                    violations.add(size.getWidth() + "px " + screen + " " + violation);
                }
            }
            chromium.screenshot("console-13-mon-espace-" + size.getWidth() + "px");
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void the_console_is_this_platforms_page_not_the_servers_management_console() throws Exception {
        RestClient.Reply reply = new RestClient(platform.baseUrl()).get("/console/");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("lang=\"fr\"").doesNotContainIgnoringCase("HAL Management Console");
    }

    /** axe-core from its webjar, whichever version the build resolved. */
    private static String axeCore() throws IOException {
        Properties webjar = new Properties();
        try (InputStream in = ConsoleBrowserIT.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
            webjar.load(in);
        }
        try (InputStream in = ConsoleBrowserIT.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/"
                + webjar.getProperty("version") + "/axe.min.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void logInLocally(String username, String password) {
        browser.get(platform.baseUrl() + "/console/");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("login"))).click();
        wait.until(ExpectedConditions.urlContains("/realms/mssante/protocol/openid-connect/auth"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
        byId("password").sendKeys(password);
        byId("kc-login").click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("session-user")));
    }

    /** The console's login → the realm's page → its "Pro Santé Connect" button → the PSC stand-in → back. */
    private void logInWithProSanteConnect(String nationalId, String password) {
        browser.get(platform.baseUrl() + "/console/");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("login"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("social-psc"))).click();
        wait.until(ExpectedConditions.urlContains("/realms/esante-wallet/protocol/openid-connect/auth"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(nationalId);
        byId("password").sendKeys(password);
        byId("kc-login").click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("session-user")));
    }

    private void logOut() throws Exception {
        byId("logout").click();
        try {
            wait.until(ExpectedConditions.elementToBeClickable(By.id("login")));
        } catch (RuntimeException e) {
            chromium.screenshot("console-logout-failed");
            throw new AssertionError("after logout, at " + browser.getCurrentUrl(), e);
        }
    }

    private void go(String route) {
        browser.get(platform.baseUrl() + "/console/" + route);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("session-user")));
    }

    private WebElement byId(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private void type(String id, String text) {
        WebElement input = byId(id);
        input.clear();
        input.sendKeys(text);
    }

    private void check(String id) {
        WebElement box = byId(id);
        if (!box.isSelected()) {
            box.click();
        }
    }

    private String pageText() {
        return browser.findElement(By.tagName("body")).getText().toLowerCase(Locale.ROOT);
    }

    private String imapLogin(String address, String password) throws Exception {
        try (MailWire imap = MailWire.imapStartTls(platform.settings().imapPort(), TestTls.trusting(platform.caCertificate()))) {
            return MailWire.last(imap.imap("LOGIN " + address + " " + password));
        }
    }

    /** Logs in over STARTTLS and reads the first INBOX message (BODY[] sets \Seen: the trace's READ). */
    private String readFirstMessage(String address, String password) throws Exception {
        try (MailWire imap = MailWire.imapStartTls(platform.settings().imapPort(), TestTls.trusting(platform.caCertificate()))) {
            assertThat(MailWire.last(imap.imap("LOGIN " + address + " " + password))).startsWith("t2 OK");
            long deadline = System.nanoTime() + WAIT.toNanos();
            List<String> select = imap.imap("SELECT INBOX");
            while (select.stream().noneMatch(l -> l.matches("\\* [1-9][0-9]* EXISTS")) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                select = imap.imap("SELECT INBOX");
            }
            return String.join("\n", imap.imap("FETCH 1 BODY[]"));
        }
    }
}
