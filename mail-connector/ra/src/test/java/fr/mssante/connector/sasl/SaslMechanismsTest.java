package fr.mssante.connector.sasl;

import fr.mssante.connector.api.auth.AuthOutcome;
import fr.mssante.connector.api.auth.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Decoding of each mechanism, with the examples of RFC 4616 and RFC 7628, and what the registry offers. */
class SaslMechanismsTest {

    private static final String RFC7628_TOKEN = "vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==";

    // ---------------------------------------------------------------- PLAIN (RFC 4616)

    /** RFC 4616 section 4: "\0tim\0tanstaaftanstaaf" and "Ursel\0Kurt\0xipj3plmq". */
    @Test
    void plainRfc4616Examples() throws SaslException {
        assertThat(complete(new PlainMechanism(), "\0tim\0tanstaaftanstaaf"))
                .isEqualTo(new Credentials.Password("PLAIN", null, "tim", "tanstaaftanstaaf"));
        assertThat(complete(new PlainMechanism(), "Ursel\0Kurt\0xipj3plmq"))
                .isEqualTo(new Credentials.Password("PLAIN", "Ursel", "Kurt", "xipj3plmq"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tim", "\0tim", "\0\0secret", "\0tim\0", "\0tim\0a\0b"})
    void plainMalformed(String message) {
        assertThatExceptionOfType(SaslException.class).isThrownBy(() -> complete(new PlainMechanism(), message));
    }

    @Test
    void invalidUtf8IsMalformed() {
        byte[] message = {0, 't', 'i', 'm', 0, (byte) 0xC3, (byte) 0x28};
        assertThatExceptionOfType(SaslException.class).isThrownBy(() -> new PlainMechanism().start().evaluate(message));
    }

    // ---------------------------------------------------------------- LOGIN

    @Test
    void loginAsksUsernameThenPassword() throws SaslException {
        SaslExchange exchange = new LoginMechanism().start();
        assertThat(text(exchange.initialChallenge())).isEqualTo("Username:");
        SaslExchange.Step step = exchange.evaluate(bytes("dr.durand@hopital-demo.mssante.fr"));
        assertThat(text(((SaslExchange.Challenge) step).data())).isEqualTo("Password:");
        assertThat(((SaslExchange.Complete) exchange.evaluate(bytes("secret"))).credentials())
                .isEqualTo(new Credentials.Password("LOGIN", null, "dr.durand@hopital-demo.mssante.fr", "secret"));
    }

    @Test
    void loginRefusesEmptyAnswers() {
        assertThatExceptionOfType(SaslException.class).isThrownBy(() -> new LoginMechanism().start().evaluate(new byte[0]));
    }

    // ---------------------------------------------------------------- OAUTHBEARER (RFC 7628)

    /** RFC 7628 section 4.1, the IMAP example's client message. */
    @Test
    void oauthBearerRfc7628Example() throws SaslException {
        String base64 = "bixhPXVzZXJAZXhhbXBsZS5jb20sAWhvc3Q9c2VydmVyLmV4YW1wbGUuY29tAXBvcnQ9MTQzAWF1dGg9QmVhcmVyI"
                + "HZGOWRmdDRxbVRjMk52YjNSbGNrQmhiSFJoZG1semRHRXVZMjl0Q2c9PQEB";
        assertThat(new OAuthBearerMechanism().start().evaluate(Base64.getDecoder().decode(base64)))
                .isEqualTo(new SaslExchange.Complete(new Credentials.BearerToken("OAUTHBEARER", "user@example.com", RFC7628_TOKEN)));
    }

    @Test
    void oauthBearerWithoutAuthzidEscapesAndUnknownKeys() throws SaslException {
        assertThat(complete(new OAuthBearerMechanism(), "y,,\u0001auth=bearer  abc\u0001\u0001"))
                .isEqualTo(new Credentials.BearerToken("OAUTHBEARER", null, "abc"));
        assertThat(complete(new OAuthBearerMechanism(), "n,a=a=2Cb=3Dc,\u0001future=x y\u0001auth=Bearer t=\u0001\u0001"))
                .isEqualTo(new Credentials.BearerToken("OAUTHBEARER", "a,b=c", "t="));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\u0001",                                                        // the error acknowledgement, not a first message
            "n,a=user@example.com,auth=Bearer t\u0001\u0001",                 // no kvsep after the GS2 header
            "p=tls-unique,a=user@example.com,\u0001auth=Bearer t\u0001\u0001", // channel binding not offered
            "x,,\u0001auth=Bearer t\u0001\u0001",                              // unknown GS2 flag
            "n,a=u=4,\u0001auth=Bearer t\u0001\u0001",                         // bad saslname escape
            "n,,\u0001auth=Bearer t\u0001",                                     // missing final kvsep
            "n,,\u0001host=h\u0001\u0001",                                      // no auth
            "n,,\u0001auth=Basic dXNlcjpwYXNz\u0001\u0001",                     // not a bearer token
            "n,,\u0001auth=Bearer t\u0001auth=Bearer u\u0001\u0001",            // repeated key
            "n,,\u0001port=143x\u0001auth=Bearer t\u0001\u0001",                // port not a number
            "n,,\u0001au th=Bearer t\u0001\u0001",                              // key not ALPHA
    })
    void oauthBearerMalformed(String message) {
        assertThatExceptionOfType(SaslException.class).isThrownBy(() -> complete(new OAuthBearerMechanism(), message));
    }

    /** RFC 7628 section 4.3: the error challenge of the failed-authentication example, byte for byte. */
    @Test
    void oauthBearerErrorChallengeAndAcknowledgement() throws SaslException {
        SaslExchange exchange = new OAuthBearerMechanism().start();
        AuthOutcome refusal = AuthOutcome.tokenRejected("expired", new AuthOutcome.BearerError("invalid_token",
                "example_scope", "https://example.com/.well-known/openid-configuration"), Duration.ZERO);
        assertThat(Base64.getEncoder().encodeToString(exchange.errorChallenge(refusal))).isEqualTo(
                "eyJzdGF0dXMiOiJpbnZhbGlkX3Rva2VuIiwic2NvcGUiOiJleGFtcGxlX3Njb3BlIiwib3BlbmlkLWNvbmZpZ3VyYXRpb24iOiJ"
                        + "odHRwczovL2V4YW1wbGUuY29tLy53ZWxsLWtub3duL29wZW5pZC1jb25maWd1cmF0aW9uIn0=");
        assertThat(text(exchange.errorChallenge(AuthOutcome.rejected("no detail", Duration.ZERO))))
                .isEqualTo("{\"status\":\"invalid_token\"}");
        exchange.acknowledgeError(new byte[] {1});
        assertThatExceptionOfType(SaslException.class).isThrownBy(() -> exchange.acknowledgeError(new byte[0]));
    }

    // ---------------------------------------------------------------- XOAUTH2

    @Test
    void xoauth2() throws SaslException {
        assertThat(complete(new XOAuth2Mechanism(), "user=someuser@example.com\u0001auth=Bearer ya29.vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg\u0001\u0001"))
                .isEqualTo(new Credentials.BearerToken("XOAUTH2", "someuser@example.com", "ya29.vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "user=a\u0001\u0001", "auth=Bearer t\u0001\u0001", "user=a\u0001auth=Bearer t",
            "user=\u0001auth=Bearer t\u0001\u0001"})
    void xoauth2Malformed(String message) {
        assertThatExceptionOfType(SaslException.class).isThrownBy(() -> complete(new XOAuth2Mechanism(), message));
    }

    @Test
    void xoauth2ErrorChallengeUsesTheHttpStatus() throws SaslException {
        SaslExchange exchange = new XOAuth2Mechanism().start();
        AuthOutcome refusal = AuthOutcome.tokenRejected("scope",
                new AuthOutcome.BearerError("insufficient_scope", "openid \"mail\"", null), Duration.ZERO);
        assertThat(text(exchange.errorChallenge(refusal)))
                .isEqualTo("{\"status\":\"403\",\"schemes\":\"bearer\",\"scope\":\"openid \\\"mail\\\"\"}");
        exchange.acknowledgeError(new byte[0]);
        assertThatExceptionOfType(SaslException.class).isThrownBy(() -> exchange.acknowledgeError(new byte[] {1}));
    }

    // ---------------------------------------------------------------- EXTERNAL (RFC 4422 appendix A)

    @Test
    void external() throws SaslException {
        assertThat(complete(new ExternalMechanism(), "")).isEqualTo(new Credentials.Certificate(null));
        assertThat(complete(new ExternalMechanism(), "dpi@hopital-demo.mssante.fr"))
                .isEqualTo(new Credentials.Certificate("dpi@hopital-demo.mssante.fr"));
        assertThatExceptionOfType(SaslException.class).isThrownBy(() -> complete(new ExternalMechanism(), "a\0b"));
    }

    // ---------------------------------------------------------------- registry

    @Test
    void offeredDependOnTlsAndCertificate() {
        SaslMechanisms mechanisms = SaslMechanisms.defaults();
        assertThat(mechanisms.advertised(SaslConditions.of(false, null, false))).isEmpty();
        assertThat(mechanisms.advertised(SaslConditions.of(false, null, true)))
                .containsExactly("OAUTHBEARER", "XOAUTH2", "PLAIN", "LOGIN");
        assertThat(mechanisms.advertised(SaslConditions.of(true, null, false)))
                .containsExactly("OAUTHBEARER", "XOAUTH2", "PLAIN", "LOGIN");
        assertThat(mechanisms.offered("plain", SaslConditions.of(false, null, false))).isNull();
        assertThat(mechanisms.offered("plain", SaslConditions.of(true, null, false))).isInstanceOf(PlainMechanism.class);
        assertThat(mechanisms.offered("EXTERNAL", SaslConditions.of(true, null, true))).isNull();
        assertThat(mechanisms.advertised(new SaslConditions(true, true)))
                .containsExactly("EXTERNAL", "OAUTHBEARER", "XOAUTH2", "PLAIN", "LOGIN");
        assertThat(mechanisms.offered("CRAM-MD5", SaslConditions.of(true, null, true))).isNull();
    }

    private static Credentials complete(SaslMechanism mechanism, String message) throws SaslException {
        return ((SaslExchange.Complete) mechanism.start().evaluate(bytes(message))).credentials();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }
}
