package fr.mssante.ejb.identity;

import fr.mssante.ejb.metrics.MailFlowMeters;
import jakarta.inject.Inject;
import fr.mssante.connector.api.auth.AuthOutcome;
import fr.mssante.connector.api.auth.ClientConnection;
import fr.mssante.connector.api.auth.Credentials;
import fr.mssante.ejb.audit.AuditAction;
import fr.mssante.ejb.audit.AuditPublisher;
import fr.mssante.ejb.mailbox.Mailbox;
import fr.mssante.ejb.mailbox.MailboxService;
import fr.mssante.ejb.tenant.ScopeContext;
import fr.mssante.ejb.tenant.TenantScope;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Decides on every mail-client authentication, whatever the protocol (the SMTP and IMAP endpoints
 * delegate here): app passwords (PLAIN, LOGIN), access tokens of the operator's realm bound to the
 * mailbox their holder owns or is delegated (OAUTHBEARER, XOAUTH2), registered client certificates of
 * APP mailboxes (EXTERNAL). Around it: the throttle, and an audit event for every outcome.
 *
 * <p>The principal returned is always a mailbox address: the session acts as that mailbox.
 */
@Stateless
public class MailAuthentication {

    private static final Logger LOG = Logger.getLogger(MailAuthentication.class.getName());

    @Inject
    private MailFlowMeters meters;

    @EJB
    private AppPasswordService appPasswords;

    @EJB
    private AccessTokens tokens;

    @EJB
    private MailboxAccess access;

    @EJB
    private ClientCertificates certificates;

    @EJB
    private AuthThrottle throttle;

    @EJB
    private MailboxService mailboxes;

    @EJB
    private AuditPublisher audit;

    /**
     * SYSTEM scope: which establishment the session belongs to is what authentication finds out (an app
     * password or a certificate names no tenant until it matches a row), and a failure against an unknown
     * account belongs to none. The scope ends with the decision; the session's later commands run in
     * their mailbox's tenant.
     */
    public AuthOutcome authenticate(ClientConnection connection, Credentials credentials) {
        return ScopeContext.call(TenantScope.system("mail authentication"), () -> decide(connection, credentials));
    }

    private AuthOutcome decide(ClientConnection connection, Credentials credentials) {
        String account = account(credentials.claimedIdentity());
        if (throttle.locked(account, connection.clientAddress())) {
            record(connection, credentials, account, "locked", "too many failures, cooling off");
            return AuthOutcome.locked("too many failed authentications for " + account + " or "
                    + connection.clientAddress());
        }
        AuthOutcome outcome = disabledIfInactive(verify(connection, credentials));
        if (outcome.ok()) {
            throttle.recordSuccess(account);
            SessionPrincipal principal = SessionPrincipal.parse(outcome.user());
            record(connection, credentials, principal.address(), "success",
                    principal.delegate().map(nationalId -> "delegate=" + nationalId).orElse(null));
            return outcome;
        }
        if (outcome.status() == AuthOutcome.Status.DISABLED) {
            // The secret was right: no guessing to slow down.
            record(connection, credentials, account, "disabled", outcome.reason());
            return outcome;
        }
        Duration delay = throttle.recordFailure(account, connection.clientAddress());
        record(connection, credentials, account, "rejected", outcome.reason());
        return new AuthOutcome(outcome.status(), null, outcome.reason(), outcome.bearerError(), delay);
    }

    /**
     * Right credentials for a mailbox its administrator suspended or closed: refused with the reason
     * (ADR 0012), not as a wrong password, so the user calls their administrator instead of retrying.
     */
    private AuthOutcome disabledIfInactive(AuthOutcome outcome) {
        if (!outcome.ok()) {
            return outcome;
        }
        // The mailbox the session opens, whoever acts in it: an owner or a delegate (ADR 0013).
        return mailboxes.find(SessionPrincipal.parse(outcome.user()).address()).filter(m -> !m.receivesMail())
                .map(m -> AuthOutcome.disabled("mailbox " + m.getAddress() + " is " + m.getStatus().name().toLowerCase(Locale.ROOT)
                        + ": contact your administrator"))
                .orElse(outcome);
    }

    /** Java 17 has no pattern switch: the sealed hierarchy is dispatched by hand. */
    private AuthOutcome verify(ClientConnection connection, Credentials credentials) {
        if (credentials instanceof Credentials.Password password) {
            return password(password);
        }
        if (credentials instanceof Credentials.BearerToken bearer) {
            return bearer(bearer);
        }
        return certificate(connection, (Credentials.Certificate) credentials);
    }

    private AuthOutcome password(Credentials.Password password) {
        String authzid = password.authorizationId();
        if (authzid != null && !authzid.isEmpty() && !authzid.equalsIgnoreCase(password.username())) {
            // An app password belongs to one mailbox: acting as another needs a token and a delegation.
            return AuthOutcome.rejected("authorization identity differs from authentication identity", null);
        }
        // A delegate's app password does not outlive the delegation (ADR 0013).
        return appPasswords.verify(password.username(), password.password())
                .filter(principal -> !access.rightsOf(principal).isEmpty())
                .map(principal -> AuthOutcome.success(principal.encode()))
                .orElseGet(() -> AuthOutcome.rejected("unknown mailbox or wrong app password", null));
    }

    private AuthOutcome bearer(Credentials.BearerToken bearer) {
        TokenSettings settings = tokens.settings();
        AuthOutcome.BearerError invalid = new AuthOutcome.BearerError("invalid_token", "openid",
                settings.configured() ? settings.discoveryUrl() : null);
        VerifiedToken token;
        try {
            token = tokens.verify(bearer.token());
        } catch (TokenRejectedException e) {
            return AuthOutcome.tokenRejected(e.getMessage(), invalid, null);
        }
        if (token.nationalId() == null) {
            return AuthOutcome.tokenRejected("token of " + token.username() + " carries no national id", invalid, null);
        }
        // A delegation without READ (SEND_AS only) does not open the mailbox (ADR 0013).
        Optional<MailboxGrant> grant = (bearer.authorizationId() == null || bearer.authorizationId().isBlank()
                ? ownMailbox(token.nationalId())
                : access.grant(token.nationalId(), bearer.authorizationId())).filter(g -> g.may(DelegationRight.READ));
        // A genuine token that does not reach this mailbox: RFC 6750's insufficient_scope, not invalid_token.
        AuthOutcome.BearerError notForThisMailbox = new AuthOutcome.BearerError("insufficient_scope", "openid",
                invalid.openidConfiguration());
        return grant.map(g -> AuthOutcome.success((g.access() == MailboxGrant.Access.OWNER
                        ? SessionPrincipal.owner(g.address())
                        : SessionPrincipal.delegate(g.address(), token.nationalId())).encode()))
                .orElseGet(() -> AuthOutcome.tokenRejected("national id " + token.nationalId() + " may not use "
                        + (bearer.authorizationId() == null ? "any single mailbox" : bearer.authorizationId()),
                        notForThisMailbox, null));
    }

    /** Without an authorization identity, the holder's own mailbox, if they have exactly one. */
    private Optional<MailboxGrant> ownMailbox(String nationalId) {
        List<MailboxGrant> owned = access.grantsOf(nationalId).stream()
                .filter(g -> g.access() == MailboxGrant.Access.OWNER).toList();
        return owned.size() == 1 ? Optional.of(owned.get(0)) : Optional.empty();
    }

    private AuthOutcome certificate(ClientConnection connection, Credentials.Certificate credentials) {
        if (connection.clientCertificate() == null) {
            return AuthOutcome.rejected("EXTERNAL without a TLS client certificate", null);
        }
        return certificates.mailboxFor(connection.clientCertificate(), credentials.authorizationId())
                .map(AuthOutcome::success)
                .orElseGet(() -> AuthOutcome.rejected("certificate "
                        + connection.clientCertificate().getSubjectX500Principal().getName()
                        + " is not registered on " + (credentials.authorizationId() == null
                        ? "exactly one APP mailbox" : credentials.authorizationId()), null));
    }

    /** @param note why it failed, or which delegate a successful session acts for; null for none */
    private void record(ClientConnection connection, Credentials credentials, String account, String outcome,
                        String note) {
        String details = "service=" + connection.service() + " mechanism=" + credentials.mechanism()
                + " account=" + account + " client=" + connection.clientAddress()
                + " session=" + connection.sessionId() + (note == null ? "" : " " + ("success".equals(outcome)
                ? note : "reason=" + note));
        if (!"success".equals(outcome)) {
            LOG.info(() -> "authentication " + outcome + ": " + details);
        }
        meters.authentication(connection.service(), credentials.mechanism(), outcome);
        audit.publish("success".equals(outcome) ? AuditAction.AUTH_SUCCEEDED : AuditAction.AUTH_FAILED,
                connection.service() + ":" + connection.clientAddress(),
                account == null ? null : mailboxes.find(account).map(Mailbox::getTenantId).orElse(null),
                null, null, List.of(), outcome, details);
    }

    private static String account(String claimed) {
        return claimed == null || claimed.isBlank() ? null : claimed.strip().toLowerCase(Locale.ROOT);
    }
}
