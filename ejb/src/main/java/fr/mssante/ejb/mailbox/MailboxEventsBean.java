package fr.mssante.ejb.mailbox;

import fr.mssante.connector.api.imap.MailboxChangeBus;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * On every node, hands mailbox change events to the IMAP engine of this node. One non-durable
 * subscriber per node (maxSession 1: each session of a topic MDB would be a subscriber of its own).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/topic/MailboxEvents"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "NonDurable"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")
})
public class MailboxEventsBean implements MessageListener {

    @Override
    public void onMessage(Message message) {
        try {
            for (FolderChange change : FolderEvents.decode((MapMessage) message)) {
                MailboxChangeBus.folderChanged(change.user(), change.folderId().toString());
            }
        } catch (JMSException e) {
            throw new IllegalStateException("unreadable mailbox event", e);
        }
    }
}
