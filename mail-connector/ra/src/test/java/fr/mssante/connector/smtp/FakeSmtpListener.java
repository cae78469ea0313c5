package fr.mssante.connector.smtp;

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
import fr.mssante.connector.server.FakeAuthenticator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The application as the tests see it, driven by the recipient addresses:
 * <ul>
 *   <li>{@code *@hopital-demo.mssante.fr}: accepted, except {@code unknown@} (550 5.1.1) and
 *       {@code db-down@} (throws, as a database outage would);</li>
 *   <li>any other domain: 550 5.7.1 (no relay);</li>
 *   <li>a message with a recipient {@code deliver-fails@} makes {@code deliver} throw, and
 *       {@code deliverAll} of a batch that holds it;</li>
 *   <li>authentication: {@link FakeAuthenticator} with {@code dr.durand@} and {@code slow@}; an
 *       authenticated user may send as itself only, an unauthenticated (MX) session as anyone.</li>
 * </ul>
 * Everything it sees is recorded.
 */
final class FakeSmtpListener implements SmtpListener {

    static final String HOSTED_DOMAIN = "hopital-demo.mssante.fr";

    /** A delivered message, with its content read during the call (the spool is gone afterwards). */
    record Delivery(SmtpEnvelope envelope, byte[] content) {
    }

    final List<MailAddress> checkedRecipients = new CopyOnWriteArrayList<>();
    /** The session as each checkSender saw it. */
    final List<SmtpSessionInfo> checkedSenders = new CopyOnWriteArrayList<>();
    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    /** The size of each deliverAll call, in call order. */
    final List<Integer> deliverAllCalls = new CopyOnWriteArrayList<>();
    final FakeAuthenticator authenticator =
            new FakeAuthenticator(Set.of(FakeAuthenticator.ALICE, "slow@" + FakeAuthenticator.DOMAIN));
    private volatile Consumer<MessageContent> deliverHook = content -> { };

    @Override
    public AuthOutcome authenticate(ClientConnection connection, Credentials credentials) {
        return authenticator.authenticate(connection, credentials);
    }

    @Override
    public SmtpReply checkSender(SmtpSessionInfo session, Optional<MailAddress> reversePath) {
        checkedSenders.add(session);
        if (session.authenticatedUser() == null) {
            return SmtpReply.of(250, "2.1.0", "Sender OK");
        }
        return reversePath.isPresent() && reversePath.get().address().equalsIgnoreCase(session.authenticatedUser())
                ? SmtpReply.of(250, "2.1.0", "Sender OK")
                : SmtpReply.of(550, "5.7.1", "Not authorised to send as this address");
    }

    @Override
    public SmtpReply checkRecipient(SmtpEnvelope envelope, MailAddress recipient) {
        checkedRecipients.add(recipient);
        if (!recipient.domain().equals(HOSTED_DOMAIN)) {
            return SmtpReply.of(550, "5.7.1", "Relaying denied");
        }
        switch (recipient.localPart()) {
            case "unknown":
                return SmtpReply.of(550, "5.1.1", "Unknown mailbox");
            case "db-down":
                throw new IllegalStateException("simulated database outage");
            default:
                return SmtpReply.of(250, "2.1.5", "Recipient OK");
        }
    }

    @Override
    public SmtpReply deliver(SmtpEnvelope envelope, MessageContent content) {
        if (envelope.recipients().stream().anyMatch(r -> r.localPart().equals("deliver-fails"))) {
            throw new IllegalStateException("simulated rollback");
        }
        deliverHook.accept(content);
        try (InputStream in = content.openStream()) {
            deliveries.add(new Delivery(envelope, in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SmtpReply.of(250, "2.0.0", "queued as Q" + deliveries.size());
    }

    /**
     * One unit of work: the messages are recorded only if none of them fails (a {@code deliver-fails@}
     * recipient throws, and the whole call rolls back, as a container transaction would).
     */
    @Override
    public List<SmtpReply> deliverAll(List<SmtpMessage> messages) {
        deliverAllCalls.add(messages.size());
        List<Delivery> batch = new ArrayList<>();
        List<SmtpReply> replies = new ArrayList<>();
        for (SmtpMessage message : messages) {
            if (message.envelope().recipients().stream().anyMatch(r -> r.localPart().equals("deliver-fails"))) {
                throw new IllegalStateException("simulated rollback of the batch");
            }
            deliverHook.accept(message.content());
            try (InputStream in = message.content().openStream()) {
                batch.add(new Delivery(message.envelope(), in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        synchronized (deliveries) {
            for (Delivery delivery : batch) {
                deliveries.add(delivery);
                replies.add(SmtpReply.of(250, "2.0.0", "queued as Q" + deliveries.size()));
            }
        }
        return replies;
    }

    /** Runs inside deliver, before the content is read: lets a test look at the spool while it exists. */
    void onDeliver(Consumer<MessageContent> hook) {
        this.deliverHook = hook;
    }
}
