package fr.mssante.ejb.identity;

import java.net.URI;
import java.net.URL;

/**
 * Where access tokens of the operator's realm come from and what a mail token must carry.
 *
 * @param issuer   the {@code iss} of the {@code mssante} realm; null when OAuth is not configured
 * @param jwksUrl  the realm's signing keys (JWKS)
 * @param audience the {@code aud} (or {@code azp}) a token must name to be used on IMAP/SMTP
 */
public record TokenSettings(String issuer, URL jwksUrl, String audience) {

    public static TokenSettings fromSystemProperties() {
        String issuer = System.getProperty("mssante.oidc.issuer", "").strip();
        if (issuer.isEmpty()) {
            return new TokenSettings(null, null, null);
        }
        String jwks = System.getProperty("mssante.oidc.jwks-url", issuer + "/protocol/openid-connect/certs");
        try {
            return new TokenSettings(issuer, URI.create(jwks).toURL(),
                    System.getProperty("mssante.oidc.mail-audience", "mssante-mail"));
        } catch (java.net.MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("mssante.oidc.jwks-url is not a URL: " + jwks, e);
        }
    }

    public boolean configured() {
        return issuer != null;
    }

    /** Where a client finds how to get a token (RFC 7628 section 3.2.2 {@code openid-configuration}). */
    public String discoveryUrl() {
        return issuer + "/.well-known/openid-configuration";
    }
}
