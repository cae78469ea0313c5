package fr.mssante.ejb.intake;

import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.SmtpReply;
import fr.mssante.ejb.mailbox.Mailbox;
import fr.mssante.ejb.mailbox.MailboxService;
import fr.mssante.ejb.tenant.ScopeContext;
import fr.mssante.ejb.tenant.TenantLookups;
import fr.mssante.ejb.tenant.TenantScope;
import fr.mssante.ejb.trust.TrustSpace;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import java.util.Optional;
import java.util.UUID;

/**
 * Which RCPT TO we accept. Mail for a hosted domain goes to an active mailbox; a suspended one is a
 * temporary 450 4.2.1, a closed or missing one 550 5.1.1. The mailbox is looked up in the scope of the
 * establishment that hosts the domain (ADR 0011).
 *
 * <p>Mail for any other domain is relayed (ADR 0018) only for an authenticated submission, and only to a
 * domain of the MSSanté trust space (the national whitelist); otherwise 550 5.7.1 with the reason. The MX
 * never relays: a peer delivers to our domains only, or we would be an open relay (RFC 5321 section 3.6.1).
 */
@Stateless
public class RecipientPolicy {

    @EJB
    private TenantLookups lookups;

    @EJB
    private MailboxService mailboxes;

    @EJB
    private TrustSpace trustSpace;

    /** @param submission an authenticated submission session, which may relay; false on the MX */
    public SmtpReply verdict(MailAddress recipient, boolean submission) {
        Optional<UUID> tenant = lookups.tenantOfDomain(recipient.domain());
        if (tenant.isEmpty()) {
            return submission ? relayVerdict(recipient) : SmtpReply.of(550, "5.7.1", "<" + recipient + ">: relay denied");
        }
        return ScopeContext.call(TenantScope.tenant(tenant.get()), () -> mailboxVerdict(recipient));
    }

    private SmtpReply relayVerdict(MailAddress recipient) {
        if (!trustSpace.known()) {
            // No whitelist yet on this node (new installation): no verdict on the domain, the client retries.
            return SmtpReply.of(451, "4.7.0", "<" + recipient + ">: the MSSante whitelist is not loaded yet, try again later");
        }
        if (trustSpace.lookup(recipient.domain()).isEmpty()) {
            // Reply texts are US-ASCII (RFC 5321 section 2.4): "MSSante", not "MSSanté".
            return SmtpReply.of(550, "5.7.1",
                    "<" + recipient + ">: " + recipient.domain() + " is not in the MSSante trust space");
        }
        return SmtpReply.of(250, "2.1.5", "<" + recipient + ">: recipient ok, will be relayed");
    }

    private SmtpReply mailboxVerdict(MailAddress recipient) {
        Optional<Mailbox> mailbox = mailboxes.find(recipient.address());
        if (mailbox.isEmpty()) {
            return SmtpReply.of(550, "5.1.1", "<" + recipient + ">: no such mailbox");
        }
        switch (mailbox.get().getStatus()) {
            case SUSPENDED:
                // Temporary (RFC 5321 4.2.5 / RFC 3463 X.2.1 mailbox disabled): the sender keeps the message and
                // retries, so nothing is lost if the mailbox is reactivated within the sender's queue lifetime.
                return SmtpReply.of(450, "4.2.1", "<" + recipient + ">: mailbox suspended, try again later");
            case CLOSED:
                // Permanent: the address no longer receives mail (RFC 3463 X.1.1 bad destination mailbox).
                return SmtpReply.of(550, "5.1.1", "<" + recipient + ">: mailbox closed");
            default:
                break;
        }
        return SmtpReply.of(250, "2.1.5", "<" + recipient + ">: recipient ok");
    }
}
