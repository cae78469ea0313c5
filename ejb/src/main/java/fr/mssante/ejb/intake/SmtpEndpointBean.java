package fr.mssante.ejb.intake;

import fr.mssante.connector.api.auth.AuthOutcome;
import fr.mssante.connector.api.auth.ClientConnection;
import fr.mssante.connector.api.auth.Credentials;
import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.MessageContent;
import fr.mssante.connector.api.smtp.SmtpEnvelope;
import fr.mssante.connector.api.smtp.SmtpListener;
import fr.mssante.connector.api.smtp.SmtpMessage;
import fr.mssante.connector.api.smtp.SmtpReply;
import fr.mssante.connector.api.smtp.SmtpSessionInfo;
import fr.mssante.ejb.identity.MailAuthentication;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.jboss.ejb3.annotation.ResourceAdapter;

import java.util.List;
import java.util.Optional;

/**
 * The application side of the SMTP server: the mail resource adapter calls this bean for every
 * RCPT TO and every message, or group of messages that completed together (ADR 0037). Each call is its own
 * container-managed transaction, committed before the adapter writes the reply; an exception makes the
 * adapter answer 451 4.3.0 (for a group: offer each message alone first).
 *
 * <p>MAIL FROM is judged by {@link MxSenderPolicy} on the MX (no hosted sender without authentication,
 * ADR 0015) and by {@link SenderPolicy} on submission.
 *
 * <p>Tenant scopes (ADR 0011): authentication in {@link MailAuthentication}, RCPT in the recipient
 * domain's establishment ({@link RecipientPolicy}); accepting the message needs none, since the blob and
 * the envelope are shared by all its recipients and belong to no establishment.
 */
@MessageDriven(messageListenerInterface = SmtpListener.class)
@ResourceAdapter(SmtpEndpointBean.RESOURCE_ADAPTER)
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class SmtpEndpointBean implements SmtpListener {

    /** {@code <ear>#<rar>} as packaged by the ear module. */
    public static final String RESOURCE_ADAPTER = "mssante.ear#mssante-connector.rar";

    /** {@link SmtpSessionInfo#service()} of the port 25 listener; every other service requires AUTH. */
    private static final String MX = "mx";

    @EJB
    private RecipientPolicy recipients;

    @EJB
    private IntakeService intake;

    @EJB
    private MailAuthentication authentication;

    @EJB
    private SenderPolicy senders;

    @EJB
    private MxSenderPolicy mxSenders;

    @Override
    public AuthOutcome authenticate(ClientConnection connection, Credentials credentials) {
        return authentication.authenticate(connection, credentials);
    }

    @Override
    public SmtpReply checkSender(SmtpSessionInfo session, Optional<MailAddress> reversePath) {
        return MX.equals(session.service()) ? mxSenders.verdict(session, reversePath)
                : senders.verdict(session.authenticatedUser(), reversePath);
    }

    @Override
    public SmtpReply checkRecipient(SmtpEnvelope envelope, MailAddress recipient) {
        SmtpSessionInfo session = envelope.session();
        boolean submission = !MX.equals(session.service()) && session.authenticatedUser() != null;
        return recipients.verdict(recipient, submission);
    }

    @Override
    public SmtpReply deliver(SmtpEnvelope envelope, MessageContent content) {
        return intake.accept(envelope, content);
    }

    /** Several messages, one transaction (group commit, ADR 0037). */
    @Override
    public List<SmtpReply> deliverAll(List<SmtpMessage> messages) {
        return intake.acceptAll(messages);
    }
}
