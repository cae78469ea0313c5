package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.auth.AuthOutcome;
import fr.mssante.connector.api.auth.Credentials;
import fr.mssante.connector.imap.protocol.ImapCommandText;
import fr.mssante.connector.imap.request.ImapRequest;
import fr.mssante.connector.imap.response.ImapResponse;
import fr.mssante.connector.sasl.SaslDialogue;
import fr.mssante.connector.sasl.SaslMechanism;

import java.nio.charset.StandardCharsets;

/**
 * LOGIN (RFC 3501 6.2.3) and AUTHENTICATE (6.2.2, with the initial response of RFC 4959), both through a
 * {@link SaslDialogue}, which this class says in IMAP. Mechanisms only decode credentials; the listener
 * checks them. A refusal says {@code NO [AUTHENTICATIONFAILED]}, or {@code NO [UNAVAILABLE]} while the
 * account is locked, and nothing more (RFC 5530), whatever the listener's reason, which goes to the log.
 */
final class LoginProcessor {

    void login(ImapRequest.Login request, ImapSession session) {
        if (refusedInClear(session, "LOGIN")) {
            return;
        }
        SaslDialogue dialogue = SaslDialogue.ofCredentials(session.info().sessionId());
        perform(session, dialogue,
                dialogue.verify(new Credentials.Password("LOGIN", null, request.user(), request.password())));
    }

    void authenticate(ImapRequest.Authenticate request, ImapSession session) {
        if (refusedInClear(session, "AUTHENTICATE")) {
            return;
        }
        SaslMechanism mechanism = session.engine().capabilities().mechanism(request.mechanism(), session.info());
        if (mechanism == null) {
            session.no("CANNOT", "Unsupported authentication mechanism");
            return;
        }
        SaslDialogue dialogue = SaslDialogue.of(mechanism, session.info().sessionId());
        perform(session, dialogue, dialogue.start(request.initialResponse()));
    }

    /**
     * RFC 3501 section 6.2.3 (LOGINDISABLED) and RFC 5530 (PRIVACYREQUIRED): no authentication on a clear
     * connection, STARTTLS first, unless the development switch {@code allowPlaintextAuth} is on. Every
     * mechanism is concerned: those with a secret need confidentiality, EXTERNAL a TLS certificate.
     *
     * @return whether the command was refused (and answered)
     */
    private static boolean refusedInClear(ImapSession session, String command) {
        if (session.engine().capabilities().plaintextAllowed(session.info().tls())) {
            return false;
        }
        session.no("PRIVACYREQUIRED", command + " is disabled on an unencrypted connection");
        return true;
    }

    private static void perform(ImapSession session, SaslDialogue dialogue, SaslDialogue.Action action) {
        if (action instanceof SaslDialogue.Challenge challenge) {
            session.after(challenge.delay(), () -> {
                session.write(new ImapResponse.Continuation(challenge.base64()));
                session.readLine(line -> perform(session, dialogue, dialogue.onResponse(text(line))));
            });
        } else if (action instanceof SaslDialogue.Verify verify) {
            // A failed call is NO [UNAVAILABLE] (ImapCallOutcomes), like LOCKED: try again later.
            session.authenticationCall(listener -> listener.authenticate(session.info(), verify.credentials()), outcome -> {
                if (outcome == null) {
                    session.no(ImapCallOutcomes.FAILURE.code(), ImapCallOutcomes.FAILURE.text());
                } else {
                    perform(session, dialogue, dialogue.onVerdict(outcome));
                }
            });
        } else if (action instanceof SaslDialogue.Succeeded succeeded) {
            if (session.loggedIn(succeeded.user())) {
                session.ok(session.capabilityCode(), "Logged in");
            } else {
                session.no("LIMIT", "Too many sessions for this user");
            }
        } else if (action instanceof SaslDialogue.Failed failed) {
            session.after(failed.delay(), () -> {
                if (failed.outcome().status() == AuthOutcome.Status.LOCKED) {
                    session.no("UNAVAILABLE", "Too many failed authentications, try again later");
                } else if (failed.outcome().status() == AuthOutcome.Status.DISABLED) {
                    // RFC 5530 CONTACTADMIN: the password is right, the administrator has to act.
                    session.no("CONTACTADMIN", failed.outcome().reason());
                } else {
                    session.no("AUTHENTICATIONFAILED", "Authentication failed");
                }
            });
        } else if (action instanceof SaslDialogue.Malformed malformed) {
            session.bad(malformed.reason());
        } else {
            // RFC 3501 6.2.2: the client cancels with "*", the server answers BAD.
            session.bad("Authentication cancelled");
        }
    }

    /** A SASL response is one line of base64; a literal where it belongs is malformed. */
    private static String text(ImapCommandText line) {
        return line.lines().size() == 1 ? new String(line.lines().get(0), StandardCharsets.US_ASCII) : "";
    }
}
