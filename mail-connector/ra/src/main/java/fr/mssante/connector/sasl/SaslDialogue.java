package fr.mssante.connector.sasl;

import fr.mssante.connector.api.auth.AuthOutcome;
import fr.mssante.connector.api.auth.Credentials;

import java.time.Duration;
import java.util.Base64;
import java.util.logging.Logger;

/**
 * One authentication exchange (RFC 4422 section 3), the same for SMTP AUTH and IMAP AUTHENTICATE: the
 * protocol feeds it the client's lines and the listener's verdict and turns each {@link Action} into its
 * own replies. Confined to the connection's event loop.
 *
 * <p>Conventions shared by RFC 4954 section 4 and RFC 3501 section 6.2.2 / RFC 4959: responses are base64,
 * {@code *} cancels, and an initial response of {@code =} is an empty one.
 *
 * <p>After a refusal the failure (or the error challenge of the token mechanisms, whichever comes first)
 * waits {@link AuthOutcome#delay()}: a client that would rather cancel than acknowledge the error gains
 * nothing.
 */
public final class SaslDialogue {

    private static final Logger LOG = Logger.getLogger(SaslDialogue.class.getName());

    /** What the protocol does next. */
    public sealed interface Action {
    }

    /** Sends {@code base64} as a challenge after {@code delay}, then gives the next line to {@link #onResponse}. */
    public record Challenge(String base64, Duration delay) implements Action {
    }

    /** Asks the listener, then gives its verdict to {@link #onVerdict}; a failed call is a temporary failure. */
    public record Verify(Credentials credentials) implements Action {
    }

    /** Authenticated as {@code user}. */
    public record Succeeded(String user) implements Action {
    }

    /** Refused (REJECTED, LOCKED or DISABLED), answered after {@code delay}. */
    public record Failed(AuthOutcome outcome, Duration delay) implements Action {
    }

    /** The client sent {@code *}. */
    public record Cancelled() implements Action {
    }

    /** Not base64, or not what the mechanism expects: a protocol error. */
    public record Malformed(String reason) implements Action {
    }

    private final SaslExchange exchange;
    private final String sessionId;
    private Credentials credentials;
    /** Set once the error challenge is sent: the next response only acknowledges it. */
    private AuthOutcome refusal;

    private SaslDialogue(SaslExchange exchange, String sessionId) {
        this.exchange = exchange;
        this.sessionId = sessionId;
    }

    /** An exchange of {@code mechanism}; {@link #start} begins it. */
    public static SaslDialogue of(SaslMechanism mechanism, String sessionId) {
        return new SaslDialogue(mechanism.start(), sessionId);
    }

    /**
     * Credentials that came whole with a command (IMAP LOGIN): no exchange, {@link #verify} directly, and
     * the verdict handled as for a mechanism.
     */
    public static SaslDialogue ofCredentials(String sessionId) {
        return new SaslDialogue(response -> {
            throw new SaslException("No exchange");
        }, sessionId);
    }

    /**
     * @param initialResponse what the command carried after the mechanism name (RFC 4954 section 4, RFC 4959),
     *                        null when nothing
     */
    public Action start(String initialResponse) {
        if (initialResponse == null) {
            return challenge(exchange.initialChallenge(), Duration.ZERO);
        }
        return respond(initialResponse.equals("=") ? "" : initialResponse);
    }

    public Action verify(Credentials decoded) {
        credentials = decoded;
        return new Verify(decoded);
    }

    /** A line the client sent after a challenge. */
    public Action onResponse(String line) {
        if (line.equals("*")) {
            return new Cancelled();
        }
        return respond(line);
    }

    private Action respond(String base64) {
        byte[] response;
        try {
            response = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new Malformed("Invalid base64 in authentication response");
        }
        try {
            if (refusal != null) {
                exchange.acknowledgeError(response);
                return new Failed(refusal, Duration.ZERO);
            }
            SaslExchange.Step step = exchange.evaluate(response);
            if (step instanceof SaslExchange.Challenge challenge) {
                return challenge(challenge.data(), Duration.ZERO);
            }
            return verify(((SaslExchange.Complete) step).credentials());
        } catch (SaslException e) {
            return new Malformed(e.getMessage());
        }
    }

    /** The listener's answer to {@link Verify}. */
    public Action onVerdict(AuthOutcome outcome) {
        if (outcome.ok()) {
            LOG.fine(() -> sessionId + ": " + credentials.mechanism() + " authentication of " + outcome.user());
            return new Succeeded(outcome.user());
        }
        // Who and how, never the secret (Credentials.toString() leaves it out too).
        LOG.info(() -> sessionId + ": " + credentials.mechanism() + " authentication of "
                + credentials.claimedIdentity() + " " + outcome.status() + ": " + outcome.reason());
        byte[] errorChallenge = outcome.status() == AuthOutcome.Status.REJECTED ? exchange.errorChallenge(outcome) : null;
        if (errorChallenge == null) {
            return new Failed(outcome, outcome.delay());
        }
        refusal = outcome;
        return challenge(errorChallenge, outcome.delay());
    }

    private static Challenge challenge(byte[] data, Duration delay) {
        return new Challenge(Base64.getEncoder().encodeToString(data), delay);
    }
}
