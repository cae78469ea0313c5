package fr.mssante.connector.api.smtp;

import fr.mssante.connector.api.auth.MailAuthenticator;

import java.util.List;
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

    /**
     * Takes responsibility for several messages in ONE unit of work (group commit, ADR 0037): the adapter
     * calls it when messages completed while an earlier call was still committing, so that one durable
     * commit serves them all.
     *
     * <p>Contract:
     * <ul>
     *   <li>Returns exactly one final reply per message, in the order of {@code messages}. A 2xx reply means
     *       what it means for {@link #deliver}; a refusal (5xx, or a 4xx without an exception) concerns its
     *       message only, and the others are still committed with the unit of work.</li>
     *   <li>Any exception means that none of the messages was taken: the adapter then calls {@link #deliver}
     *       for each message alone, so that one message that cannot be accepted does not cost the others
     *       their acceptance. An implementation must therefore let an exception roll back the whole unit.</li>
     *   <li>The adapter writes the replies only after the call has returned, hence after the commit.</li>
     * </ul>
     *
     * @param messages at least two messages, from one or several sessions
     */
    List<SmtpReply> deliverAll(List<SmtpMessage> messages);
}
