package fr.mssante.connector.sasl;

import fr.mssante.connector.api.auth.AuthOutcome;
import fr.mssante.connector.api.auth.Credentials;

import java.util.Map;

/**
 * XOAUTH2, the pre-standard form of OAUTHBEARER that Google and Microsoft still use and that the Ségur
 * specifications name for Pro Santé Connect tokens (SC.MSS/CONF.07): one client message
 * {@code user=<address>^Aauth=Bearer <token>^A^A}. A refused token gets the JSON error challenge
 * {@code {"status":"401","schemes":"bearer","scope":…}}; the client answers with an empty response and
 * the server then fails the exchange.
 */
public final class XOAuth2Mechanism implements SaslMechanism {

    public static final String NAME = "XOAUTH2";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Requirement requirement() {
        return Requirement.CONFIDENTIALITY;
    }

    @Override
    public SaslExchange start() {
        return new Exchange();
    }

    private static final class Exchange implements SaslExchange {

        @Override
        public Step evaluate(byte[] response) throws SaslException {
            Map<String, String> pairs = KeyValuePairs.parse(SaslText.utf8(response, NAME), NAME);
            String user = pairs.get("user");
            if (user == null || user.isEmpty()) {
                throw new SaslException("XOAUTH2 expects user=<address>");
            }
            return new Complete(new Credentials.BearerToken(NAME, user, KeyValuePairs.bearerToken(pairs, NAME)));
        }

        @Override
        public byte[] errorChallenge(AuthOutcome refusal) {
            return BearerErrors.xoauth2(refusal);
        }

        @Override
        public void acknowledgeError(byte[] response) throws SaslException {
            if (response.length != 0) {
                throw new SaslException("XOAUTH2 expects an empty response after an error");
            }
        }
    }
}
