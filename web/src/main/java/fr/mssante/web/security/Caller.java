package fr.mssante.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.wildfly.security.http.oidc.AccessToken;
import org.wildfly.security.http.oidc.OidcSecurityContext;

import java.util.List;
import java.util.Optional;

/**
 * Who is calling the API, from the bearer token the {@code elytron-oidc-client} subsystem has already
 * verified (signature, issuer, audience, expiry) and exposed on the request.
 */
@RequestScoped
public class Caller {

    /** Claim set by the {@code mssante} realm from the user attribute that Pro Santé Connect's SubjectNameID fills. */
    static final String NATIONAL_ID_CLAIM = "rpps";
    /** Claim naming a tenant administrator's establishment. */
    static final String FINESS_CLAIM = "finess";

    @Inject
    private HttpServletRequest request;

    /** Whether a verified bearer token came with the request (not on the public paths). */
    public boolean authenticated() {
        return verifiedToken().isPresent();
    }

    public String subject() {
        return token().getSubject();
    }

    /** The professional's national id, null for accounts that are not professionals. */
    public String nationalId() {
        return token().getClaimValueAsString(NATIONAL_ID_CLAIM);
    }

    /** The establishment (FINESS) a tenant administrator manages, null otherwise. */
    public String finess() {
        return token().getClaimValueAsString(FINESS_CLAIM);
    }

    public String displayName() {
        AccessToken token = token();
        return token.getName() != null ? token.getName() : token.getPreferredUsername();
    }

    /** How the audit trail names this caller. */
    public String actor() {
        return "api:" + token().getPreferredUsername();
    }

    public boolean hasRole(String role) {
        return request.isUserInRole(role);
    }

    public List<String> roles() {
        return List.of(Roles.OPERATOR_ADMIN, Roles.TENANT_ADMIN, Roles.PRACTITIONER).stream()
                .filter(this::hasRole).toList();
    }

    private AccessToken token() {
        // web.xml protects /api/*: reaching here without a token is a deployment mistake, not a client error.
        return verifiedToken().orElseThrow(() ->
                new IllegalStateException("no OIDC security context on an authenticated API request"));
    }

    private Optional<AccessToken> verifiedToken() {
        OidcSecurityContext context = (OidcSecurityContext) request.getAttribute(OidcSecurityContext.class.getName());
        return Optional.ofNullable(context).map(OidcSecurityContext::getToken);
    }
}
