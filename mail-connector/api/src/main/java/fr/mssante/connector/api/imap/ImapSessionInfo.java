package fr.mssante.connector.api.imap;

/**
 * The IMAP connection a request comes from.
 *
 * @param sessionId     unique id of the connection, for logs and audit
 * @param clientAddress peer IP address
 * @param tls           whether the connection is encrypted
 */
public record ImapSessionInfo(String sessionId, String clientAddress, boolean tls) {
}
