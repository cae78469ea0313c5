package fr.mssante.connector.api.smtp;

/**
 * What the application may know about the SMTP connection a request comes from.
 *
 * @param sessionId     a unique id for the connection, also written in the Received header and logs
 * @param clientAddress the peer IP address
 * @param heloName      the name given in HELO/EHLO
 * @param service       which listener accepted the connection ({@code mx} for port 25, {@code submission} for 587)
 * @param tls           whether the connection is encrypted
 * @param authenticatedUser the principal of a successful AUTH (RFC 4954), null before or without one
 * @param tlsProtocol   the negotiated protocol ({@code TLSv1.3}...), null without TLS
 * @param tlsCipherSuite the negotiated cipher suite ({@code TLS_AES_256_GCM_SHA384}...), null without TLS
 * @param peerCertificate the TLS client's certificate, null without TLS or when it presented none
 */
public record SmtpSessionInfo(String sessionId, String clientAddress, String heloName, String service, boolean tls,
                              String authenticatedUser, String tlsProtocol, String tlsCipherSuite,
                              PeerCertificate peerCertificate) {

    /** A session without a client certificate. */
    public SmtpSessionInfo(String sessionId, String clientAddress, String heloName, String service, boolean tls,
                           String authenticatedUser, String tlsProtocol, String tlsCipherSuite) {
        this(sessionId, clientAddress, heloName, service, tls, authenticatedUser, tlsProtocol, tlsCipherSuite, null);
    }
}
