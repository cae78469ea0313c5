package fr.mssante.connector.smtp;

import fr.mssante.connector.api.smtp.DsnParameters;
import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.RecipientDsn;
import fr.mssante.connector.api.smtp.SmtpEnvelope;
import fr.mssante.connector.api.smtp.SmtpSessionInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The buffers of one mail transaction (RFC 5321 section 3.3): reverse-path, accepted forward-paths, and
 * the RFC 3461 parameters of both. A refused RCPT leaves nothing behind; RSET, a new EHLO or the end of
 * data drop the whole transaction with its DSN parameters.
 */
final class MailTransaction {

    private final SmtpCommand.Mail mail;
    private final List<MailAddress> recipients = new ArrayList<>();
    /** NOTIFY/ORCPT of the accepted recipients that gave any, by {@link MailAddress#address()}. */
    private final Map<String, RecipientDsn> recipientDsn = new HashMap<>();

    MailTransaction(SmtpCommand.Mail mail) {
        this.mail = mail;
    }

    int recipientCount() {
        return recipients.size();
    }

    /**
     * A recipient given twice is kept once, with the DSN parameters of its first acceptance: the application
     * must not store the message twice for it, nor notify twice.
     */
    void addRecipient(MailAddress recipient, RecipientDsn dsn) {
        if (!recipients.contains(recipient)) {
            recipients.add(recipient);
            if (!dsn.equals(RecipientDsn.NONE)) {
                recipientDsn.put(recipient.address(), dsn);
            }
        }
    }

    SmtpEnvelope envelope(SmtpSessionInfo session) {
        DsnParameters dsn = mail.ret().isEmpty() && mail.envid().isEmpty() && recipientDsn.isEmpty()
                ? DsnParameters.NONE
                : new DsnParameters(mail.ret(), mail.envid(), recipientDsn);
        return new SmtpEnvelope(session, mail.reversePath(), recipients, mail.bodyType(), mail.declaredSize(), dsn);
    }
}
