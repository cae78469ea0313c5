package fr.mssante.ejb.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokenVerifierTest {

    private static final String ISSUER = "http://127.0.0.1:8180/auth/realms/mssante";

    private static RSAKey realmKey;
    private static RSAKey otherKey;
    private static AccessTokenVerifier verifier;

    @BeforeAll
    static void keys() throws JOSEException {
        realmKey = new RSAKeyGenerator(2048).keyID("realm").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("realm").generate();
        verifier = new AccessTokenVerifier(ISSUER, "mssante-mail", new ImmutableJWKSet<>(new JWKSet(realmKey.toPublicJWK())));
    }

    @Test
    void acceptsAMailTokenOfTheRealmAndReadsTheNationalId() throws Exception {
        VerifiedToken token = verifier.verify(token(realmKey, claims -> claims));
        assertThat(token.nationalId()).isEqualTo("810001234567");
        assertThat(token.username()).isEqualTo("810001234567");
        assertThat(token.clientId()).isEqualTo("mssante-mail");
    }

    @Test
    void refusesAForgedSignature() {
        assertThatThrownBy(() -> verifier.verify(token(otherKey, claims -> claims)))
                .isInstanceOf(TokenRejectedException.class).hasMessageContaining("Signed JWT rejected");
    }

    @Test
    void refusesAnExpiredToken() {
        Instant past = Instant.now().minusSeconds(600);
        assertThatThrownBy(() -> verifier.verify(token(realmKey, claims -> claims
                .issueTime(Date.from(past.minusSeconds(300))).expirationTime(Date.from(past)))))
                .isInstanceOf(TokenRejectedException.class).hasMessageContaining("Expired");
    }

    @Test
    void refusesAnotherIssuer() {
        assertThatThrownBy(() -> verifier.verify(token(realmKey, claims -> claims
                .issuer("http://127.0.0.1:8180/auth/realms/esante-wallet"))))
                .isInstanceOf(TokenRejectedException.class).hasMessageContaining("iss");
    }

    @Test
    void refusesATokenIssuedForTheConsole() {
        assertThatThrownBy(() -> verifier.verify(token(realmKey, claims -> claims
                .audience(List.of("mssante-api", "account")).claim("azp", "mssante-console"))))
                .isInstanceOf(TokenRejectedException.class).hasMessageContaining("not issued for mssante-mail");
    }

    @Test
    void refusesAnIdToken() {
        assertThatThrownBy(() -> verifier.verify(token(realmKey, claims -> claims.claim("typ", "ID"))))
                .isInstanceOf(TokenRejectedException.class).hasMessageContaining("not an access token");
    }

    @Test
    void refusesGarbageAndUnsignedTokens() {
        assertThatThrownBy(() -> verifier.verify("not-a-jwt")).isInstanceOf(TokenRejectedException.class);
        String unsigned = new com.nimbusds.jwt.PlainJWT(baseClaims().build()).serialize();
        assertThatThrownBy(() -> verifier.verify(unsigned)).isInstanceOf(TokenRejectedException.class);
    }

    @Test
    void unreachableSigningKeysAreAnOutageNotARejection() {
        AccessTokenVerifier offline = new AccessTokenVerifier(ISSUER, "mssante-mail", (selector, context) -> {
            throw new KeySourceException("connection refused");
        });
        assertThatThrownBy(() -> offline.verify(token(realmKey, claims -> claims)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("signing keys");
    }

    private static JWTClaimsSet.Builder baseClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER).subject("5b0c7a9e-0000-4000-8000-000000000001")
                .audience("mssante-mail").claim("azp", "mssante-mail").claim("typ", "Bearer")
                .claim("rpps", "810001234567").claim("preferred_username", "810001234567")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
    }

    private static String token(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> change) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), change.apply(baseClaims()).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
