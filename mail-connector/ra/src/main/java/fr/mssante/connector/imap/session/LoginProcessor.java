package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.auth.Credentials;
import fr.mssante.connector.imap.auth.SaslException;
import fr.mssante.connector.imap.auth.SaslExchange;
import fr.mssante.connector.imap.auth.SaslMechanism;
import fr.mssante.connector.imap.protocol.ImapCommandText;
import fr.mssante.connector.imap.request.ImapRequest;
import fr.mssante.connector.imap.response.ImapResponse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.logging.Logger;

/**
 * LOGIN (RFC 3501 6.2.3) and AUTHENTICATE (6.2.2, with the initial response of RFC 4959). Mechanisms
 * only decode credentials; the listener checks them. A failure says {@code NO [AUTHENTICATIONFAILED]}
 * and nothing more (RFC 5530), whatever the listener's reason, which goes to the log.
 */
final class LoginProcessor {

    private static final Logger LOG = Logger.getLogger(LoginProcessor.class.getName());

    void login(ImapRequest.Login request, ImapSession session) {
        if (!session.engine().capabilities().plaintextAllowed(session.info().tls())) {
            session.no("PRIVACYREQUIRED", "LOGIN is disabled on an unencrypted connection");
            return;
        }
        check(session, new Credentials.Password("LOGIN", null, request.user(), request.password()));
    }

    void authenticate(ImapRequest.Authenticate request, ImapSession session) {
        Capabilities capabilities = session.engine().capabilities();
        SaslMechanism mechanism = capabilities.mechanisms()
                .find(request.mechanism(), capabilities.plaintextAllowed(session.info().tls()));
        if (mechanism == null) {
            session.no("CANNOT", "Unsupported authentication mechanism");
            return;
        }
        SaslExchange exchange = mechanism.start();
        if (request.initialResponse() != null) {
            respond(session, exchange, request.initialResponse());
        } else {
            challenge(session, exchange, exchange.initialChallenge());
        }
    }

    private void challenge(ImapSession session, SaslExchange exchange, byte[] challenge) {
        session.write(new ImapResponse.Continuation(Base64.getEncoder().encodeToString(challenge)));
        session.readLine(line -> onResponse(session, exchange, line));
    }

    private void onResponse(ImapSession session, SaslExchange exchange, ImapCommandText line) {
        String response = line.lines().size() == 1 ? new String(line.lines().get(0), StandardCharsets.US_ASCII) : "";
        if (response.equals("*")) {
            // RFC 3501 6.2.2: the client cancels with "*", the server answers BAD.
            session.bad("Authentication cancelled");
            return;
        }
        respond(session, exchange, response);
    }

    private void respond(ImapSession session, SaslExchange exchange, String base64) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            session.bad("Invalid base64 in authentication response");
            return;
        }
        try {
            SaslExchange.Step step = exchange.evaluate(decoded);
            if (step instanceof SaslExchange.Challenge challenge) {
                challenge(session, exchange, challenge.data());
            } else {
                check(session, ((SaslExchange.Complete) step).credentials());
            }
        } catch (SaslException e) {
            session.bad(e.getMessage());
        }
    }

    /** Asks the listener; on success, checks the per-user session limit and enters the authenticated state. */
    private static void check(ImapSession session, Credentials credentials) {
        session.call(listener -> listener.authenticate(session.info(), credentials), result -> {
            if (result == null || !result.ok()) {
                LOG.info(() -> session.info().sessionId() + ": authentication of " + credentials.claimedIdentity()
                        + " failed: " + (result == null ? "no result" : result.reason()));
                session.no("AUTHENTICATIONFAILED", "Authentication failed");
            } else if (!session.loggedIn(result.user())) {
                session.no("LIMIT", "Too many sessions for this user");
            } else {
                session.ok(session.capabilityCode(), "Logged in");
            }
        });
    }
}
