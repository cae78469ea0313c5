package fr.mssante.connector.server;

import java.security.cert.X509Certificate;

/**
 * What TLS established on a connection, as the sessions see it when they decide what to offer (AUTH
 * mechanisms, EXTERNAL) and tell the application ({@code ClientConnection}, {@code SmtpSessionInfo}).
 *
 * @param tls               the connection is encrypted (implicit TLS, or after STARTTLS)
 * @param clientCertificate the client's certificate, verified during the handshake; null when none
 */
public record TransportSecurity(boolean tls, X509Certificate clientCertificate) {

    /** A clear-text connection. */
    public static final TransportSecurity NONE = new TransportSecurity(false, null);
}
