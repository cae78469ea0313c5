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
 * What the sessions of one server share: configuration, the listener invokers, parser and processors,
 * the per-user session count, the registry of selected folders that the change bus notifies and the
 * reads of changes shared by IDLE sessions.
 * Thread-safe.
 */
public final class ImapEngine {

    private final ImapServerConfig config;
    private final ListenerInvoker<ImapListener, CallOutcome> invoker;
    private final ListenerInvoker<ImapListener, CallOutcome> authInvoker;
    private final SharedChangeReads sharedChangeReads;
    private final Capabilities capabilities;
    private final ImapRequestParser parser = new ImapRequestParser();
    private final Processors processors = new Processors();
    private final FolderWatchers watchers = new FolderWatchers();
    private final AtomicLong folderEvents = new AtomicLong();
    private final ConnectionLimits<String> userLimits;

    /** One invoker for every call: tests, and callers without a separate authentication lane. */
    public ImapEngine(ImapServerConfig config, ListenerInvoker<ImapListener, CallOutcome> invoker,
                      SaslMechanisms mechanisms) {
        this(config, invoker, invoker, mechanisms);
    }

    /**
     * @param invoker     the calls of commands and mailbox updates
     * @param authInvoker the credential checks of LOGIN and AUTHENTICATE (ADR 0036): a lane of their own, so
     *                    that a burst of logins queues behind itself without taking every worker from the
     *                    sessions already logged in, nor being refused because their commands fill the queue
     */
    public ImapEngine(ImapServerConfig config, ListenerInvoker<ImapListener, CallOutcome> invoker,
                      ListenerInvoker<ImapListener, CallOutcome> authInvoker, SaslMechanisms mechanisms) {
        this.config = config;
        this.invoker = invoker;
        this.authInvoker = authInvoker;
        this.sharedChangeReads = new SharedChangeReads(invoker);
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

    ListenerInvoker<ImapListener, CallOutcome> authInvoker() {
        return authInvoker;
    }

    SharedChangeReads sharedChangeReads() {
        return sharedChangeReads;
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
