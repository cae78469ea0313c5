package fr.mssante.it;

import fr.mssante.devstack.DevCertificates;
import fr.mssante.devstack.LocalPlatform;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static fr.mssante.it.Identities.DOMAIN;
import static fr.mssante.it.Identities.DR_MARTIN;
import static fr.mssante.it.Identities.DR_MARTIN_ID;
import static fr.mssante.it.Identities.OTHER_TENANT_MAILBOX;
import static fr.mssante.it.Identities.PRACTITIONER_TEST_PASSWORD;
import static fr.mssante.it.Identities.SECRETARIAT;
import static fr.mssante.it.MailWire.base64;
import static fr.mssante.it.MailWire.last;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Mail clients authenticating for real: over STARTTLS and implicit TLS with the platform's dev CA, with
 * an app password created in self-service, with access tokens of the real Keycloak (OAUTHBEARER,
 * XOAUTH2), with a client certificate registered on an APP mailbox (EXTERNAL), and the refusals: no
 * authentication before TLS, forged and expired tokens, unknown CA, lockout after repeated failures.
 */
@ExtendWith(PlatformExtension.class)
class MailAuthenticationIT {

    /** The tagged completion of the last command was OK (tags are numbered per connection). */
    private static final String TAGGED_OK = "t\\d+ OK.*";

    private final LocalPlatform platform;
    private final KeycloakClient keycloak = PlatformSession.keycloak();
    private final RestClient operator;
    private final RestClient practitioner;
    private final SSLContext tls;

    MailAuthenticationIT(LocalPlatform platform) throws Exception {
        this.platform = platform;
        this.operator = RestClient.asOperator(platform);
        this.practitioner = operator.as(keycloak.bearer(DR_MARTIN_ID, PRACTITIONER_TEST_PASSWORD));
        this.tls = TestTls.trusting(platform.caCertificate());
    }

    @BeforeAll
    static void practitionerAccount() {
        PlatformSession.keycloak().ensurePractitioner(DR_MARTIN_ID, PRACTITIONER_TEST_PASSWORD);
    }

    @Test
    void nothing_authenticates_before_tls() throws Exception {
        try (MailWire imap = MailWire.plain(platform.settings().imapPort())) {
            imap.line();
            assertThat(imap.imap("CAPABILITY").get(0)).contains("STARTTLS", "LOGINDISABLED").doesNotContain("AUTH=PLAIN");
            assertThat(last(imap.imap("LOGIN " + DR_MARTIN + " Demo-Mssante-2026"))).contains("NO [PRIVACYREQUIRED]");
        }
        try (MailWire smtp = MailWire.plain(platform.settings().submissionPort())) {
            smtp.line();
            assertThat(smtp.smtp("EHLO client.example")).anyMatch(l -> l.contains("STARTTLS"))
                    .noneMatch(l -> l.contains("AUTH"));
            assertThat(last(smtp.smtp("AUTH PLAIN " + base64("\0" + DR_MARTIN + "\0Demo-Mssante-2026")))).startsWith("530 5.7.0");
            assertThat(last(smtp.smtp("MAIL FROM:<" + DR_MARTIN + ">"))).startsWith("530 5.7.0");
        }
    }

    @Test
    void an_app_password_from_self_service_works_over_starttls_until_revoked() throws Exception {
        String path = "/api/v1/me/mailboxes/" + DR_MARTIN + "/app-passwords";
        String device = "Thunderbird " + UUID.randomUUID();
        RestClient.Reply created = practitioner.post(path, "{\"name\":\"" + device + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String password = created.json().getString("password");

        try (MailWire imap = imapOverStartTls()) {
            assertThat(last(imap.imap("LOGIN " + DR_MARTIN + " " + password))).matches(TAGGED_OK);
        }
        String subject = "Compte rendu " + UUID.randomUUID();
        try (MailWire smtp = submissionOverStartTls()) {
            assertThat(last(smtp.smtp("AUTH PLAIN " + base64("\0" + DR_MARTIN + "\0" + password)))).startsWith("235 2.7.0");
            assertThat(last(smtp.smtp("MAIL FROM:<" + SECRETARIAT + ">"))).as("not the authenticated mailbox")
                    .startsWith("550 5.7.1");
            assertThat(last(smtp.smtp("MAIL FROM:<" + DR_MARTIN + ">"))).startsWith("250");
            assertThat(last(smtp.smtp("RCPT TO:<" + SECRETARIAT + ">"))).startsWith("250");
            assertThat(last(smtp.smtp("DATA"))).startsWith("354");
            assertThat(last(smtp.smtp("From: <" + DR_MARTIN + ">\r\nTo: <" + SECRETARIAT + ">\r\nSubject: " + subject
                    + "\r\n\r\nBonjour.\r\n."))).startsWith("250");
        }
        operator.awaitSubject(SECRETARIAT, subject);

        assertThat(practitioner.delete(path + "/" + created.json().getString("id")).status()).isEqualTo(204);
        try (MailWire imap = imapOverStartTls()) {
            assertThat(last(imap.imap("LOGIN " + DR_MARTIN + " " + password))).contains("NO [AUTHENTICATIONFAILED]");
        }

        // The device's name is free again once its password is revoked (a reinstalled client gets its old name).
        assertThat(practitioner.post(path, "{\"name\":\"" + device + "\"}").status()).as("name of a live password")
                .isEqualTo(201);
        assertThat(practitioner.post(path, "{\"name\":\"" + device + "\"}").status()).as("same name twice")
                .isEqualTo(409);
    }

    @Test
    void a_keycloak_access_token_opens_the_holders_own_and_delegated_mailboxes_with_oauthbearer_and_xoauth2()
            throws Exception {
        String token = keycloak.token(DR_MARTIN_ID, PRACTITIONER_TEST_PASSWORD);
        try (MailWire imap = imapOverStartTls()) {
            assertThat(imap.imap("CAPABILITY").get(0)).contains("AUTH=OAUTHBEARER", "AUTH=XOAUTH2");
            assertThat(last(imap.imap("AUTHENTICATE OAUTHBEARER " + oauthBearer(SECRETARIAT, token))))
                    .as("delegated mailbox").matches(TAGGED_OK);
            assertThat(last(imap.imap("SELECT INBOX"))).matches(TAGGED_OK);
        }
        try (MailWire imap = imapOverStartTls()) {
            assertThat(last(imap.imap("AUTHENTICATE XOAUTH2 " + xoauth2(DR_MARTIN, token)))).matches(TAGGED_OK);
        }
        try (MailWire smtp = submissionOverStartTls()) {
            assertThat(last(smtp.smtp("AUTH XOAUTH2 " + xoauth2(DR_MARTIN, token)))).startsWith("235 2.7.0");
        }
        try (MailWire smtp = submissionOverStartTls()) {
            assertThat(last(smtp.smtp("AUTH OAUTHBEARER " + oauthBearer(DR_MARTIN, token)))).startsWith("235 2.7.0");
        }
        try (MailWire imap = imapOverStartTls()) {
            List<String> challenge = imap.imap("AUTHENTICATE OAUTHBEARER " + oauthBearer(OTHER_TENANT_MAILBOX, token));
            assertThat(MailWire.decode(last(challenge).substring(2))).as("neither owned nor delegated")
                    .contains("\"status\":\"insufficient_scope\"");
            assertThat(last(imap.imapContinue("AQ=="))).contains("NO [AUTHENTICATIONFAILED]");
        }
    }

    /**
     * The tokens above come from a test-only password-grant client; this checks that the realm's own
     * client for mail software, {@code mssante-mail}, issues tokens of the same shape: the audience the
     * servers require, the national id they bind the mailbox to, an access-token type.
     */
    @Test
    void the_realms_mail_client_issues_tokens_the_mail_servers_accept() {
        String client = keycloak.adminGet(KeycloakClient.REALM, "/clients?clientId=mssante-mail").asJsonArray()
                .getJsonObject(0).getString("id");
        String user = keycloak.user(KeycloakClient.REALM, DR_MARTIN_ID).getString("id");
        JsonObject token = keycloak.adminGet(KeycloakClient.REALM, "/clients/" + client
                + "/evaluate-scopes/generate-example-access-token?scope=openid&userId=" + user).asJsonObject();

        assertThat(token.getString("azp")).isEqualTo("mssante-mail");
        assertThat(token.get("aud").toString()).contains("\"mssante-mail\"");
        assertThat(token.getString("rpps")).isEqualTo(DR_MARTIN_ID);
        assertThat(token.getString("typ")).isEqualTo("Bearer");
        assertThat(token.getString("iss")).isEqualTo(keycloak.issuer());
    }

    @Test
    void forged_and_expired_tokens_get_the_oauth_error_challenge_then_fail() throws Exception {
        String expired = keycloak.shortLivedToken(DR_MARTIN_ID, PRACTITIONER_TEST_PASSWORD);
        String genuine = keycloak.token(DR_MARTIN_ID, PRACTITIONER_TEST_PASSWORD);
        String[] parts = genuine.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + (parts[2].charAt(10) == 'A' ? 'B' : 'A')
                + parts[2].substring(11);
        Thread.sleep(12_000); // 1 s lifespan + the verifier's 10 s clock skew

        for (String token : List.of(forged, expired)) {
            try (MailWire imap = imapOverStartTls()) {
                List<String> challenge = imap.imap("AUTHENTICATE OAUTHBEARER " + oauthBearer(DR_MARTIN, token));
                assertThat(last(challenge)).startsWith("+ ");
                assertThat(MailWire.decode(last(challenge).substring(2)))
                        .contains("\"status\":\"invalid_token\"", "openid-configuration");
                assertThat(last(imap.imapContinue("AQ=="))).contains("NO [AUTHENTICATIONFAILED]");
            }
            try (MailWire smtp = submissionOverStartTls()) {
                List<String> challenge = smtp.smtp("AUTH XOAUTH2 " + xoauth2(DR_MARTIN, token));
                assertThat(last(challenge)).startsWith("334 ");
                assertThat(MailWire.decode(last(challenge).substring(4))).contains("\"status\":\"401\"");
                assertThat(last(smtp.smtp(""))).startsWith("535 5.7.8");
            }
        }
    }

    @Test
    void an_app_mailbox_authenticates_with_its_registered_certificate_and_an_unknown_ca_is_refused(@TempDir Path workDir)
            throws Exception {
        String app = "lps-" + UUID.randomUUID().toString().substring(0, 8) + "@" + DOMAIN;
        assertThat(operator.post("/api/v1/mailboxes", "{\"address\":\"" + app + "\",\"type\":\"APP\"}").status()).isEqualTo(201);
        DevCertificates.ClientFiles certificate = platform.devCertificates().issueClient(app, workDir.resolve("known"));
        String pem = Files.readString(certificate.certificate()).split("(?<=-----END CERTIFICATE-----)")[0].strip();
        RestClient.Reply registered = operator.post("/api/v1/mailboxes/" + app + "/certificates",
                "{\"pem\":\"" + pem.replace("\n", "\\n") + "\"}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        SSLContext withCertificate = TestTls.withClientCertificate(platform.caCertificate(),
                certificate.pkcs12(), DevCertificates.CLIENT_PASSWORD.toCharArray());

        try (MailWire imap = MailWire.tls(platform.settings().imapsPort(), withCertificate)) {
            imap.line();
            assertThat(imap.imap("CAPABILITY").get(0)).contains("AUTH=EXTERNAL");
            assertThat(last(imap.imap("AUTHENTICATE EXTERNAL ="))).matches(TAGGED_OK);
        }
        try (MailWire smtp = MailWire.tls(platform.settings().smtpsPort(), withCertificate)) {
            smtp.line();
            assertThat(smtp.smtp("EHLO lps.example")).anyMatch(l -> l.contains("AUTH") && l.contains("EXTERNAL"));
            assertThat(last(smtp.smtp("AUTH EXTERNAL ="))).startsWith("235 2.7.0");
            assertThat(last(smtp.smtp("MAIL FROM:<" + app + ">"))).startsWith("250");
        }

        DevCertificates.ClientFiles stranger = DevCertificates.in(workDir.resolve("unknown-ca")).issueClient(app,
                workDir.resolve("unknown-ca"));
        SSLContext unknownCa = TestTls.withClientCertificate(platform.caCertificate(), stranger.pkcs12(),
                DevCertificates.CLIENT_PASSWORD.toCharArray());
        assertThatThrownBy(() -> {
            try (MailWire imap = MailWire.tls(platform.settings().imapsPort(), unknownCa)) {
                imap.line();
            }
        }).isInstanceOfAny(SSLException.class, SocketException.class, IOException.class);
    }

    /** The newcomer's applicative client: the demo APP mailbox and the certificate ./mssante run prints. */
    @Test
    void the_demo_app_mailbox_authenticates_with_the_certificate_the_platform_issued_for_it() throws Exception {
        DevCertificates.ClientFiles demo = platform.demoAppClientCertificate();
        SSLContext withCertificate = TestTls.withClientCertificate(platform.caCertificate(), demo.pkcs12(),
                DevCertificates.CLIENT_PASSWORD.toCharArray());
        try (MailWire imap = MailWire.tls(platform.settings().imapsPort(), withCertificate)) {
            imap.line();
            assertThat(last(imap.imap("AUTHENTICATE EXTERNAL ="))).matches(TAGGED_OK);
            assertThat(last(imap.imap("SELECT INBOX"))).matches(TAGGED_OK);
        }
        try (MailWire smtp = submissionOverStartTls(withCertificate)) {
            assertThat(last(smtp.smtp("AUTH EXTERNAL " + base64(Identities.APP_MAILBOX)))).startsWith("235 2.7.0");
        }
    }

    @Test
    void repeated_failures_lock_the_account_with_temporary_refusals() throws Exception {
        String address = "lock-" + UUID.randomUUID().toString().substring(0, 8) + "@" + DOMAIN;
        assertThat(operator.post("/api/v1/mailboxes", "{\"address\":\"" + address + "\",\"type\":\"ORG\"}").status())
                .isEqualTo(201);
        try (MailWire imap = imapOverStartTls()) {
            for (int attempt = 1; attempt <= 10; attempt++) {
                assertThat(last(imap.imap("LOGIN " + address + " wrong-" + attempt))).contains("NO [AUTHENTICATIONFAILED]");
            }
            assertThat(last(imap.imap("LOGIN " + address + " wrong-again"))).contains("NO [UNAVAILABLE]");
        }
        try (MailWire smtp = submissionOverStartTls()) {
            assertThat(last(smtp.smtp("AUTH PLAIN " + base64("\0" + address + "\0whatever")))).startsWith("454 4.7.0");
        }
    }

    private MailWire imapOverStartTls() throws Exception {
        return MailWire.imapStartTls(platform.settings().imapPort(), tls);
    }

    private MailWire submissionOverStartTls() throws Exception {
        return submissionOverStartTls(tls);
    }

    private MailWire submissionOverStartTls(SSLContext context) throws Exception {
        return MailWire.submissionStartTls(platform.settings().submissionPort(), context);
    }

    /** RFC 7628 section 3.1: GS2 header with the authorization identity, then auth=Bearer. */
    private static String oauthBearer(String mailbox, String token) {
        return base64("n,a=" + mailbox + ",\u0001auth=Bearer " + token + "\u0001\u0001");
    }

    private static String xoauth2(String mailbox, String token) {
        return base64("user=" + mailbox + "\u0001auth=Bearer " + token + "\u0001\u0001");
    }
}
