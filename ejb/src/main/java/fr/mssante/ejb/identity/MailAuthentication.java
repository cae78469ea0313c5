package fr.mssante.ejb.identity;

import fr.mssante.connector.api.auth.AuthOutcome;
import fr.mssante.connector.api.auth.ClientConnection;
import fr.mssante.connector.api.auth.Credentials;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import java.time.Duration;

/**
 * Decides on every mail-client authentication, whatever the protocol: the SMTP and IMAP endpoints
 * delegate here.
 */
@Stateless
public class MailAuthentication {

    @EJB
    private AppPasswordService appPasswords;

    public AuthOutcome authenticate(ClientConnection connection, Credentials credentials) {
        if (!(credentials instanceof Credentials.Password password)) {
            return AuthOutcome.rejected(credentials.mechanism() + " is not accepted", Duration.ZERO);
        }
        String authzid = password.authorizationId();
        if (authzid != null && !authzid.isEmpty() && !authzid.equalsIgnoreCase(password.username())) {
            return AuthOutcome.rejected("authorization identity differs from authentication identity", Duration.ZERO);
        }
        return appPasswords.verify(password.username(), password.password())
                .map(AuthOutcome::success)
                .orElseGet(() -> AuthOutcome.rejected("unknown mailbox or wrong app password", Duration.ZERO));
    }
}
