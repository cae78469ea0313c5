package fr.mssante.connector.api.auth;

import java.security.cert.X509Certificate;

/**
 * The connection an authentication or a request comes from, the same for SMTP and IMAP.
 *
 * @param sessionId         unique id of the connection, for logs and audit
 * @param service           the listener that accepted it: {@code imap}, {@code submission} or {@code mx}
 * @param clientAddress     peer IP address
 * @param tls               whether the connection is encrypted (implicit TLS or after STARTTLS)
 * @param clientCertificate the certificate the client presented during the TLS handshake, already
 *                          verified against the configured client trust anchors; null when none
 */
public record ClientConnection(String sessionId,
                               String service,
                               String clientAddress,
                               boolean tls,
                               X509Certificate clientCertificate) {

    @Override
    public String toString() {
        return "ClientConnection[" + sessionId + ", " + service + ", " + clientAddress + (tls ? ", tls" : "") + "]";
    }
}
