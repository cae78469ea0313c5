package fr.mssante.ejb.mailbox;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Topic;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * Announces that a folder changed on the {@code MailboxEvents} topic, in the caller's transaction: the
 * event leaves only if the change committed. Every node consumes the topic ({@link MailboxEventsBean})
 * and wakes its IMAP sessions, so IDLE works across the cluster without polling.
 *
 * <p>A delivery batch announces all its folders in one message (ADR 0034), each folder once.
 */
@Stateless
public class FolderEvents {

    /** Number of changes in a message; change {@code i}'s fields are {@code user.i} and {@code folder.i}. */
    static final String COUNT = "count";
    static final String USER = "user";
    static final String FOLDER = "folder";

    @Inject
    private JMSContext jms;

    @Resource(lookup = "java:/jms/topic/MailboxEvents")
    private Topic topic;

    public void changed(String user, UUID folderId) {
        changedAll(List.of(new FolderChange(user, folderId)));
    }

    public void changedAll(List<FolderChange> changes) {
        List<FolderChange> distinct = List.copyOf(new LinkedHashSet<>(changes));
        if (distinct.isEmpty()) {
            return;
        }
        MapMessage m = jms.createMapMessage();
        try {
            encode(distinct, m);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot build mailbox event", e);
        }
        // Stale events are useless: a session that missed one catches up at its next command.
        jms.createProducer().setTimeToLive(60_000).send(topic, m);
    }

    static void encode(List<FolderChange> changes, MapMessage m) throws JMSException {
        m.setInt(COUNT, changes.size());
        for (int i = 0; i < changes.size(); i++) {
            m.setString(USER + "." + i, changes.get(i).user());
            m.setString(FOLDER + "." + i, changes.get(i).folderId().toString());
        }
    }

    /** The changes a message announces; one from a node not yet upgraded has no count and one change. */
    static List<FolderChange> decode(MapMessage m) throws JMSException {
        if (!m.itemExists(COUNT)) {
            return List.of(new FolderChange(m.getString(USER), UUID.fromString(m.getString(FOLDER))));
        }
        int count = m.getInt(COUNT);
        List<FolderChange> changes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            changes.add(new FolderChange(m.getString(USER + "." + i), UUID.fromString(m.getString(FOLDER + "." + i))));
        }
        return changes;
    }
}
