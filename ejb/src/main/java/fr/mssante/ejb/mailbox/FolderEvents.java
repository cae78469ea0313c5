package fr.mssante.ejb.mailbox;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Topic;

import java.util.UUID;

/**
 * Announces that a folder changed on the {@code MailboxEvents} topic, in the caller's transaction: the
 * event leaves only if the change committed. Every node consumes the topic ({@link MailboxEventsBean})
 * and wakes its IMAP sessions, so IDLE works across the cluster without polling.
 */
@Stateless
public class FolderEvents {

    static final String USER = "user";
    static final String FOLDER = "folder";

    @Inject
    private JMSContext jms;

    @Resource(lookup = "java:/jms/topic/MailboxEvents")
    private Topic topic;

    public void changed(String user, UUID folderId) {
        MapMessage m = jms.createMapMessage();
        try {
            m.setString(USER, user);
            m.setString(FOLDER, folderId.toString());
        } catch (JMSException e) {
            throw new IllegalStateException("cannot build mailbox event", e);
        }
        // Stale events are useless: a session that missed one catches up at its next command.
        jms.createProducer().setTimeToLive(60_000).send(topic, m);
    }
}
