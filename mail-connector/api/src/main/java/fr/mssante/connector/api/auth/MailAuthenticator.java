package fr.mssante.connector.api.auth;

/**
 * Authentication of mail clients, shared by the SMTP submission and IMAP listeners: the adapter's SASL
 * mechanisms decode, the application decides (app passwords, OAuth tokens, registered certificates,
 * delegations, throttling, audit).
 *
 * <p>Called in its own container transaction like every listener method. Never throws for bad
 * credentials: a refusal is an {@link AuthOutcome}; an exception means "temporarily unavailable".
 */
public interface MailAuthenticator {

    AuthOutcome authenticate(ClientConnection connection, Credentials credentials);
}
