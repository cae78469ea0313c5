package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.imap.ImapListener;
import fr.mssante.connector.imap.ImapServerConfig;
import fr.mssante.connector.sasl.SaslMechanisms;
import fr.mssante.connector.imap.request.ImapRequestParser;
import fr.mssante.connector.server.ConnectionLimits;
import fr.mssante.connector.server.ListenerInvoker;
import fr.mssante.connector.server.SessionIds;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the sessions of one server share: configuration, the listener invoker, parser and processors,
 * the per-user session count, and the registry of selected folders that the change bus notifies.
 * Thread-safe.
 */
public final class ImapEngine {

    private final ImapServerConfig config;
    private final ListenerInvoker<ImapListener, CallOutcome> invoker;
    private final Capabilities capabilities;
    private final ImapRequestParser parser = new ImapRequestParser();
    private final Processors processors = new Processors();
    private final FolderWatchers watchers = new FolderWatchers();
    private final AtomicLong folderEvents = new AtomicLong();
    private final ConnectionLimits<String> userLimits;

    public ImapEngine(ImapServerConfig config, ListenerInvoker<ImapListener, CallOutcome> invoker,
                      SaslMechanisms mechanisms) {
        this.config = config;
        this.invoker = invoker;
        this.capabilities = new Capabilities(config, mechanisms);
        this.userLimits = new ConnectionLimits<>(Integer.MAX_VALUE, config.maxConnectionsPerUser());
    }

    public ImapSession newSession(ImapConnection connection) {
        return new ImapSession(this, connection, SessionIds.next());
    }

    /**
     * A {@link fr.mssante.connector.api.imap.MailboxChangeBus} subscriber: the sessions that have this folder
     * selected fetch its changes (at once when in IDLE, else at the end of their current command).
     */
    public void folderChanged(String mailbox, String folderId) {
        folderEvents.incrementAndGet();
        // Routed by folder id alone: a delegate's session on this folder has a principal of its own.
        watchers.changed(folderId);
    }

    /**
     * How many change events this node has heard, any folder: a session that reads it before loading a
     * folder and again once it watches the folder knows whether an event may have slipped in between.
     */
    long folderEvents() {
        return folderEvents.get();
    }

    ImapServerConfig config() {
        return config;
    }

    ListenerInvoker<ImapListener, CallOutcome> invoker() {
        return invoker;
    }

    Capabilities capabilities() {
        return capabilities;
    }

    ImapRequestParser parser() {
        return parser;
    }

    Processors processors() {
        return processors;
    }

    FolderWatchers watchers() {
        return watchers;
    }

    ConnectionLimits<String> userLimits() {
        return userLimits;
    }
}
