package fr.mssante.connector.sasl;

import fr.mssante.connector.api.auth.AuthOutcome;
import fr.mssante.connector.api.auth.Credentials;

/** One run of a {@link SaslMechanism}: challenges and responses until the credentials are known. */
public interface SaslExchange {

    /** What the server does after a client response. */
    sealed interface Step {
    }

    /** Sends a challenge ({@code 334 <base64>}, {@code + <base64>}) and waits for the next response. */
    record Challenge(byte[] data) implements Step {
    }

    /** The exchange is over: the listener checks these credentials. */
    record Complete(Credentials credentials) implements Step {
    }

    /**
     * The first challenge, before any response: empty for client-first mechanisms such as PLAIN, which
     * then get their initial response (RFC 4954, RFC 4959 SASL-IR) or answer the empty challenge.
     */
    default byte[] initialChallenge() {
        return new byte[0];
    }

    /**
     * Evaluates one decoded client response.
     *
     * @throws SaslException when the response is malformed
     */
    Step evaluate(byte[] response) throws SaslException;

    /**
     * What the server sends when the listener refused the credentials, before the failure itself: the
     * error challenge of the token mechanisms (RFC 7628 section 3.2.2), or null to fail at once.
     */
    default byte[] errorChallenge(AuthOutcome refusal) {
        return null;
    }

    /**
     * Checks the client's answer to {@link #errorChallenge}, after which the server fails the exchange.
     *
     * @throws SaslException when it is not the answer the mechanism prescribes
     */
    default void acknowledgeError(byte[] response) throws SaslException {
        throw new SaslException("No response expected");
    }
}
