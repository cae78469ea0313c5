package fr.mssante.connector.api.imap;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.BiConsumer;

/**
 * How the application tells the IMAP engine of this node that a folder changed (new message, flags,
 * expunge), so that sessions in IDLE or with that folder selected get their untagged updates without
 * polling. The application calls {@link #folderChanged} from the consumer of its cluster-wide mailbox
 * events topic, on every node; the engine subscribes when it starts.
 *
 * <p>A plain in-JVM registry: the RAR's classes are shared by the EAR's modules, and this is the one
 * place both sides can reach without a JNDI round trip.
 */
public final class MailboxChangeBus {

    private static final Set<BiConsumer<String, String>> SUBSCRIBERS = new CopyOnWriteArraySet<>();

    private MailboxChangeBus() {
    }

    /** @param user the mailbox address; {@code folderId} the {@link FolderRef#id()} that changed */
    public static void folderChanged(String user, String folderId) {
        for (BiConsumer<String, String> subscriber : SUBSCRIBERS) {
            subscriber.accept(user, folderId);
        }
    }

    /** Subscribers must return quickly (hand the work to their own executor). */
    public static void subscribe(BiConsumer<String, String> subscriber) {
        SUBSCRIBERS.add(subscriber);
    }

    public static void unsubscribe(BiConsumer<String, String> subscriber) {
        SUBSCRIBERS.remove(subscriber);
    }
}
