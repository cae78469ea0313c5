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
public final class XOAuth2Mechanism extends BearerMechanism {

    public static final String NAME = "XOAUTH2";

    public XOAuth2Mechanism() {
        super(NAME, new byte[0], "XOAUTH2 expects an empty response after an error");
    }

    @Override
    Credentials.BearerToken decode(byte[] message) throws SaslException {
        Map<String, String> pairs = KeyValuePairs.parse(SaslText.utf8(message, NAME), NAME);
        String user = pairs.get("user");
        if (user == null || user.isEmpty()) {
            throw new SaslException("XOAUTH2 expects user=<address>");
        }
        return new Credentials.BearerToken(NAME, user, KeyValuePairs.bearerToken(pairs, NAME));
    }

    @Override
    byte[] errorChallenge(AuthOutcome refusal) {
        return BearerErrors.xoauth2(refusal);
    }
}
