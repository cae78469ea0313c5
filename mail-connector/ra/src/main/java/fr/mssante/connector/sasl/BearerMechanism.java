package fr.mssante.connector.sasl;

import fr.mssante.connector.api.auth.AuthOutcome;
import fr.mssante.connector.api.auth.Credentials;

import java.util.Arrays;

/**
 * What OAUTHBEARER and XOAUTH2 share: one client message carrying a bearer token; when the listener refuses
 * it, an error challenge telling the client how to get a better one, a prescribed acknowledgement, then
 * the failure.
 */
abstract class BearerMechanism extends SaslMechanism {

    private final byte[] acknowledgement;
    private final String acknowledgementRule;

    /**
     * @param acknowledgement     what the client must answer to the error challenge
     * @param acknowledgementRule the protocol error when it answers something else
     */
    BearerMechanism(String name, byte[] acknowledgement, String acknowledgementRule) {
        super(name, Requirement.CONFIDENTIALITY);
        this.acknowledgement = acknowledgement;
        this.acknowledgementRule = acknowledgementRule;
    }

    abstract Credentials.BearerToken decode(byte[] message) throws SaslException;

    abstract byte[] errorChallenge(AuthOutcome refusal);

    @Override
    public final SaslExchange start() {
        return new SaslExchange() {
            @Override
            public Step evaluate(byte[] response) throws SaslException {
                return new Complete(decode(response));
            }

            @Override
            public byte[] errorChallenge(AuthOutcome refusal) {
                return BearerMechanism.this.errorChallenge(refusal);
            }

            @Override
            public void acknowledgeError(byte[] response) throws SaslException {
                if (!Arrays.equals(response, acknowledgement)) {
                    throw new SaslException(acknowledgementRule);
                }
            }
        };
    }
}
