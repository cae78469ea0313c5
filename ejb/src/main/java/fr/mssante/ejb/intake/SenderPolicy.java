package fr.mssante.ejb.intake;

import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.SmtpReply;
import fr.mssante.ejb.identity.DelegationRight;
import fr.mssante.ejb.identity.MailboxAccess;
import fr.mssante.ejb.identity.SessionPrincipal;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import java.util.Optional;

/**
 * Which MAIL FROM an authenticated submission session may use (RFC 6409 section 6.1 lets the
 * submission server check the sender). The session's principal is the mailbox the client proved access
 * to (its own, or one delegated to it, chosen at AUTH with the authorization identity), so the
 * reverse-path must be that mailbox: nobody sends in someone else's name; and a delegate sends as the
 * mailbox only with the SEND_AS right (ADR 0013), checked at every MAIL so a revocation applies at once.
 * The null reverse-path stays allowed: clients send read receipts (RFC 8098) with it.
 */
@Stateless
public class SenderPolicy {

    @EJB
    private MailboxAccess access;

    public SmtpReply verdict(String principal, Optional<MailAddress> reversePath) {
        if (principal == null) {
            return SmtpReply.of(530, "5.7.0", "Authentication required");
        }
        if (reversePath.isEmpty()) {
            return SmtpReply.of(250, "2.1.0", "Sender ok");
        }
        SessionPrincipal session = SessionPrincipal.parse(principal);
        if (!reversePath.get().address().equalsIgnoreCase(session.address())) {
            return SmtpReply.of(550, "5.7.1", "<" + reversePath.get() + ">: " + session.address()
                    + " may not send as this address");
        }
        if (!access.rightsOf(session).contains(DelegationRight.SEND_AS)) {
            return SmtpReply.of(550, "5.7.1", "<" + reversePath.get() + ">: the delegation to "
                    + session.delegateNationalId() + " does not include sending as this mailbox");
        }
        return SmtpReply.of(250, "2.1.0", "Sender ok");
    }
}
