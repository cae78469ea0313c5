package fr.mssante.connector.sasl;

import fr.mssante.connector.api.auth.AuthOutcome;
import fr.mssante.connector.api.auth.Credentials;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * OAUTHBEARER (RFC 7628): one client message, a GS2 header then key/value pairs,
 * {@code n,a=<authzid>,^Ahost=<host>^Aport=<port>^Aauth=Bearer <token>^A^A}.
 *
 * <p>Only {@code auth} is required; {@code host} and {@code port} are checked for syntax and ignored,
 * other keys are ignored (section 3.1). Channel binding ({@code p=}, the -PLUS variant) is not offered, so
 * a client asking for it is malformed (RFC 5801 section 5); {@code y} (client could bind, server did not
 * advertise it) is fine.
 *
 * <p>A refused token gets the error challenge of section 3.2.2; the client must answer {@code ^A} and
 * the server then fails the exchange (section 3.2.3).
 */
public final class OAuthBearerMechanism extends BearerMechanism {

    public static final String NAME = "OAUTHBEARER";
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    /** RFC 7628 section 3.2.3: the client answers the error with a single ^A (or aborts). */
    public OAuthBearerMechanism() {
        super(NAME, new byte[] {KeyValuePairs.SEPARATOR},
                "OAUTHBEARER expects ^A after an error (RFC 7628 section 3.2.3)");
    }

    @Override
    Credentials.BearerToken decode(byte[] response) throws SaslException {
        String message = SaslText.utf8(response, NAME);
        int flagEnd = message.indexOf(',');
        int headerEnd = flagEnd < 0 ? -1 : message.indexOf(',', flagEnd + 1);
        if (headerEnd < 0 || headerEnd + 1 >= message.length() || message.charAt(headerEnd + 1) != KeyValuePairs.SEPARATOR) {
            throw new SaslException("OAUTHBEARER expects a GS2 header such as n,a=user, then ^A (RFC 7628 section 3.1)");
        }
        String flag = message.substring(0, flagEnd);
        if (!flag.equals("n") && !flag.equals("y")) {
            throw new SaslException("OAUTHBEARER without channel binding expects the GS2 flag n or y");
        }
        String authorizationId = authorizationId(message.substring(flagEnd + 1, headerEnd));
        Map<String, String> pairs = KeyValuePairs.parse(message.substring(headerEnd + 2), NAME);
        String port = pairs.get("port");
        if (port != null && !PORT.matcher(port).matches()) {
            throw new SaslException("OAUTHBEARER port must be a number");
        }
        return new Credentials.BearerToken(NAME, authorizationId, KeyValuePairs.bearerToken(pairs, NAME));
    }

    @Override
    byte[] errorChallenge(AuthOutcome refusal) {
        return BearerErrors.oauthBearer(refusal);
    }

    /** RFC 5801 section 4: {@code a=saslname} where "," and "=" are written =2C and =3D; or nothing. */
    private static String authorizationId(String field) throws SaslException {
        if (field.isEmpty()) {
            return null;
        }
        if (!field.startsWith("a=") || field.length() == 2) {
            throw new SaslException("OAUTHBEARER expects a=<authzid> in the GS2 header");
        }
        StringBuilder name = new StringBuilder();
        for (int i = 2; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c != '=') {
                name.append(c);
            } else if (field.startsWith("2C", i + 1)) {
                name.append(',');
                i += 2;
            } else if (field.startsWith("3D", i + 1)) {
                name.append('=');
                i += 2;
            } else {
                throw new SaslException("OAUTHBEARER authzid: '=' must be written =3D (RFC 5801 section 4)");
            }
        }
        return name.toString();
    }
}
