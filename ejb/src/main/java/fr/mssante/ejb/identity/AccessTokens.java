package fr.mssante.ejb.identity;

import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;

/**
 * The node's one {@link AccessTokenVerifier}, so that the realm's keys are fetched once and cached
 * (Nimbus' JWK source: 5 minutes, refresh on unknown key id, one retry on network error).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AccessTokens {

    private final TokenSettings settings = TokenSettings.fromSystemProperties();
    private final AccessTokenVerifier verifier = settings.configured()
            ? new AccessTokenVerifier(settings.issuer(), settings.audience(),
                    JWKSourceBuilder.<SecurityContext>create(settings.jwksUrl()).retrying(true).build())
            : null;

    public VerifiedToken verify(String token) throws TokenRejectedException {
        if (verifier == null) {
            throw new TokenRejectedException("OAuth is not configured (mssante.oidc.issuer)");
        }
        return verifier.verify(token);
    }

    public TokenSettings settings() {
        return settings;
    }
}
