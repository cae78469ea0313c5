package fr.mssante.it;

import fr.mssante.connector.api.auth.AuthOutcome;
import fr.mssante.connector.api.auth.ClientConnection;
import fr.mssante.connector.api.auth.Credentials;
import fr.mssante.ejb.identity.AppPasswordService;
import fr.mssante.ejb.identity.AuthThrottle;
import fr.mssante.ejb.identity.ClientCertificates;
import fr.mssante.ejb.identity.MailAuthentication;
import fr.mssante.ejb.identity.ThrottleSettings;
import fr.mssante.ejb.mailbox.MailboxService;
import fr.mssante.ejb.tenant.CanonicalAddress;
import fr.mssante.ejb.mailbox.MailboxType;
import fr.mssante.ejb.mailbox.NewMailbox;
import fr.mssante.ejb.tenant.ScopeContext;
import fr.mssante.ejb.tenant.TenantScope;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.io.InputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The authentication decisions as the container runs them on PostgreSQL: app passwords, the
 * throttle's delays and lockout (per account and per client address, default thresholds), certificates
 * registered on APP mailboxes, and the audit events of every outcome.
 */
@ExtendWith(ArquillianExtension.class)
class IdentityInContainerIT {

    private static final String DOMAIN = "hopital-demo.mssante.fr";
    private static final String EJB = InContainer.EJB;
    private static final String ACTOR = "system:identity-test";

    @Deployment
    static WebArchive deployment() {
        return InContainer.war("identity-test.war", IdentityInContainerIT.class)
                .addAsResource("certificates/registered.pem")
                .addAsResource("certificates/stranger.pem")
                .addAsResource("certificates/renewal-1.pem")
                .addAsResource("certificates/renewal-2.pem");
    }

    @EJB(lookup = EJB + "MailAuthentication")
    private MailAuthentication authentication;

    @EJB(lookup = EJB + "MailboxService")
    private MailboxService mailboxes;

    @EJB(lookup = EJB + "AppPasswordService")
    private AppPasswordService appPasswords;

    @EJB(lookup = EJB + "AuthThrottle")
    private AuthThrottle throttle;

    @EJB(lookup = EJB + "ClientCertificates")
    private ClientCertificates certificates;

    /** Checks read as the owner of the tables, beside row-level security: what is stored, whoever owns it. */
    @Resource(lookup = "java:jboss/datasources/MssanteMigrationDS")
    private DataSource dataSource;

    @Test
    void an_app_password_opens_its_mailbox_and_records_its_use_and_an_audit_event() throws Exception {
        String address = newMailbox(MailboxType.PER);
        String secret = asOperator(() -> appPasswords.create(address, "Thunderbird", ACTOR)).password();
        ClientConnection connection = connection(null);

        AuthOutcome outcome = authentication.authenticate(connection, password(address.toUpperCase(), secret));

        assertTrue(outcome.ok(), outcome.reason());
        assertEquals(address, outcome.user());
        assertEquals(1, count("SELECT count(*) FROM app_password a JOIN mailbox m ON m.id = a.mailbox_id "
                + "WHERE m.address = ? AND a.last_used_at IS NOT NULL", address));
        awaitAudit("AUTH_SUCCEEDED", "success", connection.sessionId());
        assertEquals(AuthOutcome.Status.REJECTED,
                authentication.authenticate(connection, password(address, secret + "x")).status());
        awaitAudit("AUTH_FAILED", "rejected", connection.sessionId());
    }

    @Test
    void repeated_failures_are_answered_later_then_refused_even_with_the_right_password() throws Exception {
        String address = newMailbox(MailboxType.PER);
        String secret = asOperator(() -> appPasswords.create(address, "Thunderbird", ACTOR)).password();
        ClientConnection connection = connection(null);

        for (int failure = 1; failure <= 3; failure++) {
            assertEquals(Duration.ZERO, authentication.authenticate(connection, password(address, "wrong")).delay());
        }
        Duration fourth = authentication.authenticate(connection, password(address, "wrong")).delay();
        assertEquals(ThrottleSettings.fromSystemProperties().delayFor(4), fourth);
        assertTrue(fourth.toMillis() > 0, "from the fourth failure on, answers come late");
        for (int failure = 5; failure <= 10; failure++) {
            authentication.authenticate(connection, password(address, "wrong"));
        }
        AuthOutcome locked = authentication.authenticate(connection(null), password(address, secret));
        assertEquals(AuthOutcome.Status.LOCKED, locked.status(), "the account is cooling off, from any address");
        awaitAudit("AUTH_FAILED", "locked", null);
    }

    @Test
    void a_success_forgets_the_accounts_earlier_failures() throws Exception {
        String address = newMailbox(MailboxType.PER);
        String secret = asOperator(() -> appPasswords.create(address, "Thunderbird", ACTOR)).password();
        ClientConnection connection = connection(null);
        for (int failure = 1; failure <= 5; failure++) {
            authentication.authenticate(connection, password(address, "wrong"));
        }
        assertTrue(authentication.authenticate(connection, password(address, secret)).ok());
        assertEquals(Duration.ZERO, authentication.authenticate(connection, password(address, "wrong")).delay());
    }

    @Test
    void one_client_address_guessing_many_accounts_is_locked_out() throws Exception {
        ClientConnection guesser = connection(null);
        for (int attempt = 1; attempt <= 50; attempt++) {
            authentication.authenticate(guesser, password("guess" + attempt + "@" + DOMAIN, "123456"));
        }
        String address = newMailbox(MailboxType.PER);
        String secret = asOperator(() -> appPasswords.create(address, "Thunderbird", ACTOR)).password();
        assertEquals(AuthOutcome.Status.LOCKED, authentication.authenticate(guesser, password(address, secret)).status());
        assertTrue(authentication.authenticate(connection(null), password(address, secret)).ok(),
                "the account itself is not locked: other addresses still get in");
    }

    @Test
    void failure_counts_whose_window_and_lock_are_over_are_forgotten() throws Exception {
        String stale = "account:stale-" + UUID.randomUUID() + "@" + DOMAIN;
        String lockedKey = "account:locked-" + UUID.randomUUID() + "@" + DOMAIN;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO auth_failure (key, failures, window_start, locked_until) VALUES "
                        + "(?, 2, now() - interval '2 days', NULL), (?, 10, now() - interval '2 days', now() + interval '1 hour')")) {
            s.setString(1, stale);
            s.setString(2, lockedKey);
            s.executeUpdate();
        }
        assertTrue(throttle.purgeExpired() >= 1);
        assertEquals(0, count("SELECT count(*) FROM auth_failure WHERE key = ?", stale));
        assertEquals(1, count("SELECT count(*) FROM auth_failure WHERE key = ?", lockedKey), "still cooling off");
    }

    @Test
    void a_registered_certificate_opens_its_app_mailbox_and_nothing_else() throws Exception {
        String app = newMailbox(MailboxType.APP);
        String other = newMailbox(MailboxType.APP);
        X509Certificate registered = certificate("registered.pem");
        asOperator(() -> certificates.register(app, registered, false, ACTOR));

        AuthOutcome ok = authentication.authenticate(connection(registered), new Credentials.Certificate(null));
        assertTrue(ok.ok(), ok.reason());
        assertEquals(app, ok.user());
        assertEquals(app, authentication.authenticate(connection(registered), new Credentials.Certificate(app)).user());
        assertEquals(AuthOutcome.Status.REJECTED,
                authentication.authenticate(connection(registered), new Credentials.Certificate(other)).status());
        assertEquals(AuthOutcome.Status.REJECTED, authentication.authenticate(connection(certificate("stranger.pem")),
                new Credentials.Certificate(null)).status());
        assertEquals(AuthOutcome.Status.REJECTED,
                authentication.authenticate(connection(null), new Credentials.Certificate(app)).status());
    }

    @Test
    void a_certificate_registered_by_subject_keeps_working_once_renewed() throws Exception {
        String app = newMailbox(MailboxType.APP);
        X509Certificate renewal = certificate("renewal-1.pem");
        asOperator(() -> certificates.register(app, renewal, true, ACTOR));

        AuthOutcome renewed = authentication.authenticate(connection(certificate("renewal-2.pem")),
                new Credentials.Certificate(app));
        assertTrue(renewed.ok(), "same subject DN, new key: " + renewed.reason());
        assertEquals(app, renewed.user());
    }

    @Test
    void a_forged_access_token_is_refused_with_the_rfc_7628_error() {
        AuthOutcome outcome = authentication.authenticate(connection(null),
                new Credentials.BearerToken("OAUTHBEARER", "dr.martin@" + DOMAIN, "eyJhbGciOiJSUzI1NiJ9.e30.c2ln"));
        assertEquals(AuthOutcome.Status.REJECTED, outcome.status());
        assertEquals("invalid_token", outcome.bearerError().status());
        assertTrue(outcome.bearerError().openidConfiguration().endsWith("/realms/mssante/.well-known/openid-configuration"),
                outcome.bearerError().openidConfiguration());
        assertNull(outcome.user());
    }

    private String newMailbox(MailboxType type) {
        String address = type.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@" + DOMAIN;
        asOperator(() -> mailboxes.create(CanonicalAddress.parse(address, "address"), new NewMailbox(address, type, null,
                type == MailboxType.PER ? String.format("8%011d", System.nanoTime() % 100_000_000_000L) : null, null)));
        return address;
    }

    /** Each test its own client address (TEST-NET-2), so per-address counts do not leak between tests. */
    private static ClientConnection connection(X509Certificate certificate) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new ClientConnection("it-" + UUID.randomUUID(), "imap",
                "198.51." + random.nextInt(256) + "." + random.nextInt(1, 255), true, certificate);
    }

    private static Credentials password(String user, String secret) {
        return new Credentials.Password("PLAIN", null, user, secret);
    }

    private static X509Certificate certificate(String name) throws Exception {
        try (InputStream in = IdentityInContainerIT.class.getResourceAsStream("/certificates/" + name)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** Audit events travel through AuditQueue: wait for the one of this session (or any, when null). */
    private void awaitAudit(String action, String outcome, String sessionId) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (count("SELECT count(*) FROM audit_event WHERE action = ? AND outcome = ? AND details LIKE ?",
                    action, outcome, sessionId == null ? "%" : "%session=" + sessionId + "%") > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no audit event " + action + "/" + outcome + " for " + sessionId);
    }

    private int count(String sql, String... parameters) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Set-up as the operator would do it over the API (ADR 0011: services see no tenant row without a scope). */
    private static <T> T asOperator(Supplier<T> work) {
        return ScopeContext.call(TenantScope.operator(), work);
    }
}
