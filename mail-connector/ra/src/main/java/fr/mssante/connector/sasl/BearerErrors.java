package fr.mssante.connector.sasl;

import fr.mssante.connector.api.auth.AuthOutcome;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON the token mechanisms send as error challenge when the listener refuses a token; the client
 * learns how to get a better one, then acknowledges and the server fails the exchange.
 */
final class BearerErrors {

    /** What is said when the listener gave no detail: the token is not accepted. */
    private static final AuthOutcome.BearerError INVALID_TOKEN = new AuthOutcome.BearerError("invalid_token", null, null);

    private BearerErrors() {
    }

    /** RFC 7628 section 3.2.2: {@code {"status":…,"scope":…,"openid-configuration":…}}, absent members omitted. */
    static byte[] oauthBearer(AuthOutcome refusal) {
        AuthOutcome.BearerError error = detail(refusal);
        Map<String, String> members = new LinkedHashMap<>();
        members.put("status", error.status());
        members.put("scope", error.scope());
        members.put("openid-configuration", error.openidConfiguration());
        return json(members);
    }

    /**
     * Google's and Microsoft's XOAUTH2: {@code {"status":"401","schemes":"bearer","scope":…}}, the status
     * being the HTTP code RFC 6750 section 3.1 gives the error.
     */
    static byte[] xoauth2(AuthOutcome refusal) {
        AuthOutcome.BearerError error = detail(refusal);
        Map<String, String> members = new LinkedHashMap<>();
        members.put("status", switch (error.status()) {
            case "invalid_request" -> "400";
            case "insufficient_scope" -> "403";
            default -> "401";
        });
        members.put("schemes", "bearer");
        members.put("scope", error.scope());
        return json(members);
    }

    private static AuthOutcome.BearerError detail(AuthOutcome refusal) {
        return refusal.bearerError() == null ? INVALID_TOKEN : refusal.bearerError();
    }

    private static byte[] json(Map<String, String> members) {
        StringBuilder out = new StringBuilder("{");
        members.forEach((name, value) -> {
            if (value != null) {
                if (out.length() > 1) {
                    out.append(',');
                }
                string(out, name).append(':');
                string(out, value);
            }
        });
        return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 8259 section 7: quote, backslash and control characters escaped. */
    private static StringBuilder string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"');
    }
}
