package fr.mssante.connector.server;

import fr.mssante.connector.api.auth.AuthOutcome;
import fr.mssante.connector.api.auth.ClientConnection;
import fr.mssante.connector.api.auth.Credentials;
import fr.mssante.connector.api.auth.MailAuthenticator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * The application's authentication as the SMTP and IMAP fakes see it; every verdict is recorded.
 * <ul>
 *   <li>passwords: {@value #PASSWORD} for each known user; a wrong one is refused after
 *       {@link #THROTTLE} for {@code slow@}, at once otherwise;</li>
 *   <li>tokens: {@value #TOKEN} (the token of the RFC 7628 examples) is Alice's; another authorization
 *       identity, or another token, is refused with the error of {@link #TOKEN_ERROR};</li>
 *   <li>certificates: {@link #CERTIFICATE}, and those given to {@link #trust}, are the {@value #CERTIFICATE_USER}
 *       application mailbox;</li>
 *   <li>{@code locked@} is LOCKED, {@code auth-down@} makes the call throw.</li>
 * </ul>
 */
public final class FakeAuthenticator implements MailAuthenticator {

    public static final String DOMAIN = "hopital-demo.mssante.fr";
    public static final String ALICE = "dr.durand@" + DOMAIN;
    public static final String PASSWORD = "secret";
    public static final String TOKEN = "vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==";
    public static final String CERTIFICATE_USER = "dpi@" + DOMAIN;
    public static final X509Certificate CERTIFICATE = certificate("/tls/client-dpi.pem");
    public static final Duration THROTTLE = Duration.ofMillis(300);
    public static final AuthOutcome.BearerError TOKEN_ERROR = new AuthOutcome.BearerError("invalid_token",
            "example_scope", "https://example.com/.well-known/openid-configuration");

    public final List<AuthOutcome.Status> verdicts = new CopyOnWriteArrayList<>();
    /** The connection of the last authentication, as the listener saw it. */
    public volatile ClientConnection lastConnection;
    private final Set<String> users;
    private final Set<X509Certificate> certificates = new CopyOnWriteArraySet<>(Set.of(CERTIFICATE));

    public FakeAuthenticator(Set<String> users) {
        this.users = users;
    }

    @Override
    public AuthOutcome authenticate(ClientConnection connection, Credentials credentials) {
        lastConnection = connection;
        AuthOutcome outcome = decide(connection, credentials);
        verdicts.add(outcome.status());
        return outcome;
    }

    private AuthOutcome decide(ClientConnection connection, Credentials credentials) {
        String claimed = credentials.claimedIdentity() == null ? "" : credentials.claimedIdentity();
        if (claimed.equals("auth-down@" + DOMAIN)) {
            throw new IllegalStateException("simulated outage of the account store");
        }
        if (claimed.equals("locked@" + DOMAIN)) {
            return AuthOutcome.locked("too many failures");
        }
        if (credentials instanceof Credentials.Password password) {
            boolean valid = users.contains(password.username()) && PASSWORD.equals(password.password())
                    && (password.authorizationId() == null || password.authorizationId().equals(password.username()));
            return valid ? AuthOutcome.success(password.username())
                    : AuthOutcome.rejected("bad password", claimed.equals("slow@" + DOMAIN) ? THROTTLE : Duration.ZERO);
        }
        if (credentials instanceof Credentials.BearerToken token) {
            boolean valid = TOKEN.equals(token.token())
                    && (token.authorizationId() == null || token.authorizationId().equals(ALICE));
            return valid ? AuthOutcome.success(ALICE) : AuthOutcome.tokenRejected("bad token", TOKEN_ERROR, Duration.ZERO);
        }
        boolean valid = certificates.contains(connection.clientCertificate())
                && (credentials.authorizationId() == null || credentials.authorizationId().equals(CERTIFICATE_USER));
        return valid ? AuthOutcome.success(CERTIFICATE_USER) : AuthOutcome.rejected("certificate not registered", Duration.ZERO);
    }

    /** Registers one more certificate of the {@value #CERTIFICATE_USER} mailbox: one a test PKI issued for a real handshake. */
    public void trust(X509Certificate certificate) {
        certificates.add(certificate);
    }

    /**
     * Pretends what a test transcript's {@code tls} setting says TLS established, by calling the session's
     * {@code tlsStarted}: nothing for {@code none}, no client certificate for {@code tls}, {@link #CERTIFICATE}
     * for {@code certificate}.
     */
    public static void pretendTls(String setting, Consumer<X509Certificate> tlsStarted) {
        switch (setting) {
            case "none" -> { }
            case "tls" -> tlsStarted.accept(null);
            case "certificate" -> tlsStarted.accept(CERTIFICATE);
            default -> throw new IllegalArgumentException("tls=" + setting);
        }
    }

    private static X509Certificate certificate(String resource) {
        try (InputStream in = FakeAuthenticator.class.getResourceAsStream(resource)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }
}
