package fr.mssante.ejb.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.text.ParseException;
import java.util.List;
import java.util.Set;

/**
 * Validates access tokens locally, without calling the identity provider per login: signature against
 * the realm's JWKS (cached by the {@link JWKSource}, refreshed when an unknown key id shows up),
 * issuer, expiry (with a small clock skew), token type, and that the token was issued for mail
 * ({@code aud} or {@code azp} is the mail audience) — a console token must not open a mailbox.
 */
public final class AccessTokenVerifier {

    /** Keycloak's realm keys are RSA by default; EC and RSA-PSS are accepted if an operator switches. */
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.ES256, JWSAlgorithm.ES384);
    /** Servers and Keycloak are NTP-synchronised; a larger window only extends stolen tokens. */
    private static final int CLOCK_SKEW_SECONDS = 10;

    private final String audience;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public AccessTokenVerifier(String issuer, String audience, JWKSource<SecurityContext> keys) {
        this.audience = audience;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp", "iat"));
        claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
    }

    public VerifiedToken verify(String token) throws TokenRejectedException {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw new TokenRejectedException("not a JWT: " + e.getMessage());
        } catch (BadJOSEException e) {
            throw new TokenRejectedException(e.getMessage());
        } catch (KeySourceException e) {
            // Keycloak unreachable is our outage, not the client's fault: the adapter answers a temporary
            // failure (454 4.7.0 / NO [UNAVAILABLE]) and the throttle does not count it.
            throw new IllegalStateException("the realm's signing keys cannot be fetched: " + e.getMessage(), e);
        } catch (JOSEException e) {
            throw new TokenRejectedException("cannot verify the signature: " + e.getMessage());
        }
        try {
            // Keycloak marks access tokens typ=Bearer; an ID or refresh token signed by the same key is no ticket.
            String type = claims.getStringClaim("typ");
            if (type != null && !type.equalsIgnoreCase("Bearer")) {
                throw new TokenRejectedException("not an access token (typ " + type + ")");
            }
            List<String> audiences = claims.getAudience();
            String clientId = claims.getStringClaim("azp");
            if (!audiences.contains(audience) && !audience.equals(clientId)) {
                throw new TokenRejectedException("token not issued for " + audience + " (aud " + audiences
                        + ", azp " + clientId + ")");
            }
            return new VerifiedToken(claims.getSubject(), claims.getStringClaim("rpps"),
                    claims.getStringClaim("preferred_username"), clientId);
        } catch (ParseException e) {
            throw new TokenRejectedException("malformed claim: " + e.getMessage());
        }
    }
}
