package fr.mssante.connector.api.imap;

/**
 * Outcome of an authentication.
 *
 * @param user   the principal (the mailbox address) when {@code ok}
 * @param reason why it failed, for logs (never shown to the client beyond {@code AUTHENTICATIONFAILED})
 */
public record AuthResult(boolean ok, String user, String reason) {

    public static AuthResult success(String user) {
        return new AuthResult(true, user, null);
    }

    public static AuthResult failure(String reason) {
        return new AuthResult(false, null, reason);
    }
}
