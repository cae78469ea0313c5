package fr.mssante.connector.api.smtp;

import fr.mssante.connector.api.auth.MailAuthenticator;

import java.util.Optional;

/**
 * Message listener interface of the SMTP server in the mail resource adapter. The application
 * implements it with a message-driven bean bound to the resource adapter; the adapter calls it on a
 * worker thread, never on a network event loop.
 *
 * <p>Contract:
 * <ul>
 *   <li>Each call is one unit of work: with container-managed transactions, the container commits
 *       before the call returns. The adapter writes the returned reply to the client only after the
 *       call has returned.</li>
 *   <li>Any exception (database or broker down, transaction rolled back) makes the adapter answer
 *       {@code 451 4.3.0} so that the client keeps the message and retries: accepted mail is never lost.</li>
 * </ul>
 */
public interface SmtpListener extends MailAuthenticator {

    /**
     * At every MAIL FROM the adapter accepts syntactically (after AUTH where the service requires it): may
     * this session use this reverse-path? On submission, the principal of {@link SmtpSessionInfo#authenticatedUser()}
     * must own or be delegated the address; on the MX ({@link SmtpSessionInfo#service()} {@code mx},
     * unauthenticated) the application may refuse senders it would never expect there. {@code 250 2.1.0},
     * or {@code 550 5.7.1}.
     */
    SmtpReply checkSender(SmtpSessionInfo session, Optional<MailAddress> reversePath);

    /**
     * Decides on one RCPT TO. Expected answers: {@code 250 2.1.5} for an active local mailbox,
     * {@code 550 5.1.1} for an unknown mailbox of a hosted domain, {@code 550 5.7.1} for a domain that
     * is neither hosted nor allowed for relay.
     *
     * @param envelope the transaction so far (recipients already accepted)
     */
    SmtpReply checkRecipient(SmtpEnvelope envelope, MailAddress recipient);

    /**
     * Takes responsibility for the message. A 2xx reply means the message and its envelope are durably
     * stored and queued for delivery.
     */
    SmtpReply deliver(SmtpEnvelope envelope, MessageContent content);
}
