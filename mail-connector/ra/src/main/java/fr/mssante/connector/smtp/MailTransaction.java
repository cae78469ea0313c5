package fr.mssante.connector.smtp;

import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.SmtpEnvelope;
import fr.mssante.connector.api.smtp.SmtpSessionInfo;

import java.util.ArrayList;
import java.util.List;

/** The buffers of one mail transaction (RFC 5321 section 3.3): reverse-path, accepted forward-paths. */
final class MailTransaction {

    private final SmtpCommand.Mail mail;
    private final List<MailAddress> recipients = new ArrayList<>();

    MailTransaction(SmtpCommand.Mail mail) {
        this.mail = mail;
    }

    int recipientCount() {
        return recipients.size();
    }

    /** A recipient given twice is kept once: the application must not store the message twice for it. */
    void addRecipient(MailAddress recipient) {
        if (!recipients.contains(recipient)) {
            recipients.add(recipient);
        }
    }

    SmtpEnvelope envelope(SmtpSessionInfo session) {
        return new SmtpEnvelope(session, mail.reversePath(), recipients, mail.bodyType(), mail.declaredSize());
    }
}
