package fr.mssante.ejb.intake;

import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.SmtpReply;
import jakarta.ejb.Stateless;

import java.util.Optional;

/**
 * Which MAIL FROM an authenticated submission session may use. The session's principal is already
 * the mailbox the client proved access to (its own, or one delegated to it, chosen at AUTH with the
 * authorization identity), so the reverse-path must be that mailbox: nobody sends in someone else's
 * name. The null reverse-path stays allowed: clients send read receipts (RFC 8098) with it.
 */
@Stateless
public class SenderPolicy {

    public SmtpReply verdict(String principal, Optional<MailAddress> reversePath) {
        if (principal == null) {
            return SmtpReply.of(530, "5.7.0", "Authentication required");
        }
        if (reversePath.isEmpty() || reversePath.get().address().equalsIgnoreCase(principal)) {
            return SmtpReply.of(250, "2.1.0", "Sender ok");
        }
        return SmtpReply.of(550, "5.7.1", "<" + reversePath.get() + ">: " + principal + " may not send as this address");
    }
}
