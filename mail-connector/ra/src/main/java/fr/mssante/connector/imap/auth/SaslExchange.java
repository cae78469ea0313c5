package fr.mssante.connector.imap.auth;

import fr.mssante.connector.api.auth.Credentials;

/** One run of a {@link SaslMechanism}: challenges and responses until the credentials are known. */
public interface SaslExchange {

    /** What the server does after a client response. */
    sealed interface Step {
    }

    /** Sends {@code + <base64 challenge>} and waits for the next response. */
    record Challenge(byte[] data) implements Step {
    }

    /** The exchange is over: the listener checks these credentials. */
    record Complete(Credentials credentials) implements Step {
    }

    /**
     * The first challenge, before any response: empty for client-first mechanisms such as PLAIN, which
     * then get their initial response (RFC 4959 SASL-IR) or answer the empty {@code + } challenge.
     */
    default byte[] initialChallenge() {
        return new byte[0];
    }

    /**
     * Evaluates one decoded client response.
     *
     * @throws SaslException when the response is malformed (answered {@code BAD})
     */
    Step evaluate(byte[] response) throws SaslException;
}
