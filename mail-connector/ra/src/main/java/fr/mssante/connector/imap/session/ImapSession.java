package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.imap.ImapFailure;
import fr.mssante.connector.api.imap.ImapListener;
import fr.mssante.connector.api.auth.ClientConnection;
import fr.mssante.connector.api.metrics.MailMetricsSink;
import fr.mssante.connector.imap.protocol.ImapCommandText;
import fr.mssante.connector.imap.protocol.ImapSyntaxException;
import fr.mssante.connector.imap.protocol.Literal;
import fr.mssante.connector.imap.protocol.MailboxNames;
import fr.mssante.connector.imap.protocol.SequenceSet;
import fr.mssante.connector.imap.request.BadRequest;
import fr.mssante.connector.imap.request.ImapCommandNames;
import fr.mssante.connector.imap.request.ImapRequest;
import fr.mssante.connector.imap.request.RefusedRequest;
import fr.mssante.connector.imap.response.ImapResponse;
import fr.mssante.connector.imap.response.ImapResponse.Code;
import fr.mssante.connector.imap.response.ImapResponse.Status;
import fr.mssante.connector.imap.response.ImapResponse.StatusResponse;
import fr.mssante.connector.server.ConnectionLimits;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server side of one IMAP connection, free of network code: it receives complete commands, runs
 * them one at a time through their {@link Processor}, and keeps the per-session state of RFC 3501: the
 * state (section 3), the authenticated user, the selected mailbox and its sequence number map
 * ({@link SelectedMailbox}), the enabled extensions (RFC 5161).
 *
 * <p>Event-loop confined: listener calls run on the worker pool through {@link #call} and resume here.
 * At most one call is in flight, and no command is read while one runs, so the responses of a command
 * and the mailbox updates never interleave with another's.
 *
 * <p>Mailbox updates (new messages, flag changes, expunges) are fetched with
 * {@code ImapListener.changes} at the end of every command in the selected state, and during IDLE as
 * soon as the change bus says the folder changed.
 */
public final class ImapSession {

    private static final Logger LOG = Logger.getLogger(ImapSession.class.getName());
    /** Delay before an IDLE session asks again for changes it could not get. */
    private static final Duration IDLE_RETRY = Duration.ofSeconds(1);
    /** The command label of a line that never became a command (syntax error, too long). */
    private static final String UNPARSED = "UNPARSED";
    static final String UTF8_ACCEPT = "UTF8=ACCEPT";

    /** Reads the next line when it is not a command: IDLE's DONE, a SASL response. */
    @FunctionalInterface
    interface LineHandler {
        void onLine(ImapCommandText line);
    }

    private final ImapEngine engine;
    private final ImapConnection connection;
    /** The connection as the listener sees it; replaced when TLS starts ({@link #tlsStarted}). */
    private ClientConnection info;

    private SessionState state = SessionState.NOT_AUTHENTICATED;
    private String user;
    private boolean userAdmitted;
    private SelectedMailbox selected;
    private final Set<String> enabled = new HashSet<>();
    private int consecutiveBad;

    private ImapRequest current;
    /** {@link System#nanoTime()} when {@link #current} arrived, for its latency. */
    private long currentSince;
    private List<Literal.Spooled> spools = List.of();
    private LineHandler lineHandler;
    private boolean callInFlight;
    private boolean dirty;
    private boolean idling;
    private boolean compressed;
    private boolean refreshFailed;
    /** How IDLE ends once the last update is out: null while idling, else whether DONE was well-formed. */
    private Boolean idleDone;
    private boolean shuttingDown;
    private boolean closed;

    ImapSession(ImapEngine engine, ImapConnection connection, String sessionId) {
        this.engine = engine;
        this.connection = connection;
        this.info = new ClientConnection(sessionId, "imap", connection.clientAddress(), false, null);
    }

    /**
     * TLS is up: at once on the implicit TLS port (before {@link #start}), or after STARTTLS. The one
     * record of what TLS established: capabilities, mechanisms and the listener's {@code authenticate}
     * read it from {@link #info()}.
     *
     * @param certificate the client certificate verified during the handshake, null when none
     */
    public void tlsStarted(X509Certificate certificate) {
        info = new ClientConnection(info.sessionId(), info.service(), info.clientAddress(), true, certificate);
    }

    // ---------------------------------------------------------------- events from the connection

    /** The greeting (RFC 3501 section 7.1.1), with the capabilities so that clients need not ask. */
    public void start() {
        connection.write(StatusResponse.untagged(Status.OK, capabilityCode(), engine.config().hostname()
                + " MSSante IMAP4rev1 ready"));
        connection.flush();
        connection.readNext();
    }

    public void onCommand(ImapCommandText text) {
        if (closed) {
            discard(text.spooled());
            return;
        }
        if (lineHandler != null) {
            LineHandler handler = lineHandler;
            lineHandler = null;
            discard(text.spooled());
            handler.onLine(text);
            return;
        }
        ImapRequest request;
        try {
            request = engine.parser().parse(text, mailboxNames());
        } catch (BadRequest e) {
            discard(text.spooled());
            LOG.fine(() -> info.sessionId() + ": BAD " + e.getMessage() + " for " + text);
            MailMetricsSink.current().imapCommand(UNPARSED, Status.BAD.name(), 0);
            answerBad(e.tag(), null, e.getMessage());
            return;
        } catch (RefusedRequest e) {
            discard(text.spooled());
            LOG.fine(() -> info.sessionId() + ": NO " + e.getMessage());
            MailMetricsSink.current().imapCommand(UNPARSED, Status.NO.name(), 0);
            consecutiveBad = 0; // well-formed: not one of the garbage commands that end a session
            answer(new StatusResponse(e.tag(), Status.NO, Code.of("CANNOT"), e.getMessage()));
            return;
        }
        // The command, not its arguments: they may be a password or health data.
        LOG.fine(() -> info.sessionId() + ": " + request.tag() + " " + request.getClass().getSimpleName());
        current = request;
        currentSince = System.nanoTime();
        spools = text.spooled();
        Processors.Entry<ImapRequest> entry = engine.processors().find(request);
        if (!entry.states().contains(state)) {
            bad(state == SessionState.NOT_AUTHENTICATED ? "Log in first" : "Command not valid in this state");
            return;
        }
        try {
            entry.processor().process(request, this);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, info.sessionId() + ": processor failure for " + request.getClass().getSimpleName(), e);
            complete(Status.NO, Code.of("SERVERBUG"), "Internal error");
        }
    }

    /** A command refused by the decoder before it was complete (too long, literal too big). */
    public void onRejected(String tag, String code, boolean bad, String text) {
        if (lineHandler != null) {
            // Where DONE or a SASL response was expected: an invalid line, which ends IDLE or AUTHENTICATE.
            onCommand(ImapCommandText.of(""));
        } else if (bad) {
            MailMetricsSink.current().imapCommand(UNPARSED, Status.BAD.name(), 0);
            answerBad(tag, code, text);
        } else {
            answer(new StatusResponse(tag, Status.NO, code == null ? null : Code.of(code), text));
        }
    }

    /** A tagged answer to a command that never reached a processor; the next command may come. */
    private void answer(StatusResponse response) {
        write(response);
        connection.flush();
        connection.readNext();
    }

    /** The client was silent for the idle timeout: RFC 3501 section 5.4 autologout. */
    public void onIdleTimeout() {
        if (!callInFlight && !closed) {
            bye("Autologout; idle for too long");
        }
    }

    /** The server stops: a session waiting for the listener says goodbye after its answer. */
    public void onShutdown() {
        if (!callInFlight && !closed) {
            bye("Server shutting down");
        } else {
            shuttingDown = true;
        }
    }

    /** The connection is gone. */
    public void onClose() {
        closed = true;
        if (selected != null) {
            engine.watchers().unwatch(selected.folder().id(), this);
        }
        if (userAdmitted) {
            engine.userLimits().release(user);
            userAdmitted = false;
        }
        if (!callInFlight) {
            discard(spools);
        }
    }

    /** From any thread: the selected folder changed (change bus). */
    void folderChanged() {
        try {
            connection.execute(this::onFolderChanged);
        } catch (RejectedExecutionException e) {
            LOG.fine(() -> info.sessionId() + ": event loop gone");
        }
    }

    private void onFolderChanged() {
        dirty = true;
        if (idling && !callInFlight) {
            idleRefresh();
        }
    }

    // ---------------------------------------------------------------- for processors: state

    ImapEngine engine() {
        return engine;
    }

    ClientConnection info() {
        return info;
    }

    SessionState state() {
        return state;
    }

    String user() {
        return user;
    }

    SelectedMailbox selected() {
        return selected;
    }

    boolean isEnabled(String capability) {
        return enabled.contains(capability);
    }

    /**
     * RFC 7162: CONDSTORE-enabling commands turn it on; QRESYNC implies it. UTF8=ACCEPT (RFC 6855
     * section 3) switches the mailbox names this session reads and writes to UTF-8.
     */
    void enable(String capability) {
        enabled.add(capability);
        if (capability.equals("QRESYNC")) {
            enabled.add("CONDSTORE");
        }
        if (capability.equals(UTF8_ACCEPT)) {
            connection.acceptUtf8();
        }
    }

    /** RFC 6855: whether the client enabled UTF8=ACCEPT. */
    boolean utf8Accepted() {
        return enabled.contains(UTF8_ACCEPT);
    }

    private MailboxNames.Encoding mailboxNames() {
        return utf8Accepted() ? MailboxNames.Encoding.UTF8 : MailboxNames.Encoding.MODIFIED_UTF7;
    }

    boolean condstore() {
        return enabled.contains("CONDSTORE");
    }

    boolean qresync() {
        return enabled.contains("QRESYNC");
    }

    Code capabilityCode() {
        return Code.of("CAPABILITY", String.join(" ",
                engine.capabilities().list(state != SessionState.NOT_AUTHENTICATED, info())));
    }

    /**
     * Authentication succeeded: counts the session against the per-user limit.
     *
     * @return false when the user has too many sessions already (the caller answers NO [LIMIT])
     */
    boolean loggedIn(String principal) {
        if (engine.userLimits().admit(principal) != ConnectionLimits.Admission.ADMITTED) {
            return false;
        }
        user = principal;
        userAdmitted = true;
        state = SessionState.AUTHENTICATED;
        return true;
    }

    void select(SelectedMailbox mailbox) {
        unselect();
        selected = mailbox;
        state = SessionState.SELECTED;
        dirty = false;
        engine.watchers().watch(mailbox.folder().id(), this);
    }

    void unselect() {
        if (selected != null) {
            engine.watchers().unwatch(selected.folder().id(), this);
            selected = null;
            state = SessionState.AUTHENTICATED;
        }
    }

    /**
     * The UIDs a sequence set designates in the selected mailbox, or null after answering BAD for a
     * sequence number beyond the mailbox.
     */
    List<Long> uids(SequenceSet set, boolean uid) {
        try {
            return selected.resolve(set, uid);
        } catch (ImapSyntaxException e) {
            bad(e.getMessage());
            return null;
        }
    }

    /** What mailbox updates may be sent during the current command (RFC 3501 section 7.4.1). */
    SelectedMailbox.Updates updates() {
        return new SelectedMailbox.Updates(expungeAllowed(current), condstore(), qresync(), isUidCommand(current));
    }

    private static boolean expungeAllowed(ImapRequest request) {
        if (request instanceof ImapRequest.Fetch fetch) {
            return fetch.uid();
        }
        if (request instanceof ImapRequest.Store store) {
            return store.uid();
        }
        if (request instanceof ImapRequest.Search search) {
            return search.uid();
        }
        if (request instanceof ImapRequest.Sort sort) {
            return sort.uid();
        }
        return true;
    }

    private static boolean isUidCommand(ImapRequest request) {
        return (request instanceof ImapRequest.Fetch fetch && fetch.uid())
                || (request instanceof ImapRequest.Store store && store.uid())
                || (request instanceof ImapRequest.Copy copy && copy.uid())
                || request instanceof ImapRequest.UidExpunge;
    }

    // ---------------------------------------------------------------- for processors: I/O

    void write(ImapResponse response) {
        connection.write(response);
    }

    void writeAll(List<? extends ImapResponse> responses) {
        responses.forEach(connection::write);
    }

    /** Sends what is written so far and runs {@code next} once it has left (for large FETCH results). */
    void flushThen(Runnable next) {
        connection.flushThen(next);
    }

    /** Waits for the next line instead of a command (IDLE, AUTHENTICATE). */
    void readLine(LineHandler handler) {
        lineHandler = handler;
        connection.flush();
        connection.readNext();
    }

    /**
     * Runs {@code next} after {@code delay} on the event loop's timer (a refused authentication): no thread
     * waits, and nothing is read meanwhile since the command is not complete.
     */
    void after(Duration delay, Runnable next) {
        if (delay.isZero() || delay.isNegative()) {
            next.run();
            return;
        }
        connection.flush();
        connection.schedule(() -> {
            if (!closed) {
                next.run();
            }
        }, delay);
    }

    /**
     * Calls the listener on the worker pool and continues with its result on the event loop; a refusal
     * or failure completes the command with {@code NO [code] text}.
     */
    <T> void call(Function<ImapListener, T> work, Consumer<T> then) {
        call(work, then, refused -> complete(Status.NO, Code.of(refused.code()), refused.text()));
    }

    <T> void call(Function<ImapListener, T> work, Consumer<T> then, Consumer<CallOutcome.Refused> otherwise) {
        callInFlight = true;
        connection.flush();
        engine.invoker().invoke(listener -> {
            T result = work.apply(listener);
            return new CallOutcome.Done(() -> then.accept(result));
        }).whenComplete((outcome, error) -> {
            try {
                connection.execute(() -> resume(outcome, otherwise));
            } catch (RejectedExecutionException e) {
                LOG.fine(() -> info.sessionId() + ": event loop gone before the listener answered");
                discard(spools);
            }
        });
    }

    private void resume(CallOutcome outcome, Consumer<CallOutcome.Refused> otherwise) {
        callInFlight = false;
        if (closed) {
            discard(spools);
            return;
        }
        try {
            if (outcome instanceof CallOutcome.Done done) {
                done.continuation().run();
            } else {
                otherwise.accept(outcome instanceof CallOutcome.Refused refused ? refused : ImapCallOutcomes.FAILURE);
            }
        } catch (ImapFailure e) {
            complete(Status.NO, Code.of(e.code()), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, info.sessionId() + ": failure after a listener call for "
                    + (current == null ? "IDLE" : current.getClass().getSimpleName()), e);
            complete(Status.NO, Code.of("SERVERBUG"), "Internal error");
        }
    }

    // ---------------------------------------------------------------- completion

    void ok(String text) {
        complete(Status.OK, null, text);
    }

    void ok(Code code, String text) {
        complete(Status.OK, code, text);
    }

    void no(String code, String text) {
        complete(Status.NO, code == null ? null : Code.of(code), text);
    }

    void bad(String text) {
        complete(Status.BAD, null, text);
    }

    /**
     * Ends the current command: asks the listener what changed in the selected folder and sends it (and
     * the expunges kept back by an earlier FETCH, STORE or SEARCH, if this command may report them), then
     * the tagged response, then reads the next command.
     */
    void complete(Status status, Code code, String text) {
        if (current == null) {
            return;
        }
        StatusResponse tagged = StatusResponse.tagged(current.tag(), status, code, text);
        if (selected == null || status == Status.BAD || (current instanceof ImapRequest.Select && !dirty)) {
            // Nothing selected, a refused command, or a mailbox that has just been loaded.
            finish(tagged);
        } else {
            refresh(updates(), () -> finish(tagged));
        }
    }

    private void finish(StatusResponse tagged) {
        if (current != null) {
            MailMetricsSink.current().imapCommand(ImapCommandNames.of(current), tagged.status().name(),
                    System.nanoTime() - currentSince);
        }
        discard(spools);
        spools = List.of();
        current = null;
        if (tagged.status() == Status.BAD) {
            answerBad(tagged.tag(), tagged.code() == null ? null : tagged.code().name(), tagged.text());
            return;
        }
        consecutiveBad = 0;
        write(tagged);
        if (shuttingDown && state != SessionState.LOGOUT) {
            bye("Server shutting down");
            return;
        }
        if (state == SessionState.LOGOUT) {
            connection.close();
            closed = true;
            return;
        }
        connection.flush();
        connection.readNext();
    }

    /**
     * A BAD response; the {@code maxConsecutiveErrors}-th in a row ends the session with BYE, since a
     * client that keeps sending garbage is lost or hostile.
     */
    private void answerBad(String tag, String code, String text) {
        current = null;
        write(new StatusResponse(tag, Status.BAD, code == null ? null : Code.of(code), text));
        if (++consecutiveBad >= engine.config().maxConsecutiveErrors()) {
            bye("Too many invalid commands");
            return;
        }
        connection.flush();
        connection.readNext();
    }

    /** {@code * BYE text} and close (RFC 3501 section 7.1.5). */
    void bye(String text) {
        write(StatusResponse.untagged(Status.BYE, null, text));
        state = SessionState.LOGOUT;
        closed = true;
        connection.close();
    }

    /**
     * STARTTLS (RFC 3501 section 6.2.1, RFC 9051 section 6.2.1): the tagged OK leaves in clear, then TLS
     * is negotiated and the next command is read over TLS, in the not authenticated state still; the
     * capabilities then change (no LOGINDISABLED, the password mechanisms appear). A client that sent
     * anything after STARTTLS is disconnected instead, its clear text unread (CVE-2011-0411).
     */
    void startTls() {
        if (connection.discardPipelined()) {
            LOG.info(() -> info.sessionId() + ": commands pipelined after STARTTLS, closing (CVE-2011-0411)");
            current = null;
            bye("Commands sent after STARTTLS before TLS negotiation");
            return;
        }
        StatusResponse ready = StatusResponse.tagged(current.tag(), Status.OK, null, "Begin TLS negotiation now");
        current = null;
        consecutiveBad = 0;
        connection.startTls(ready, certificate -> {
            tlsStarted(certificate);
            LOG.fine(() -> info.sessionId() + ": TLS started");
            connection.readNext();
        });
    }

    /**
     * COMPRESS=DEFLATE once accepted (RFC 4978 section 3): the tagged OK leaves uncompressed, compression
     * starts on both sides right after it. Octets the client sent behind the command were not compressed
     * with the stream the server will inflate: the client is disconnected, as after STARTTLS.
     */
    void startCompression() {
        if (connection.discardPipelined()) {
            LOG.info(() -> info.sessionId() + ": commands pipelined after COMPRESS, closing");
            current = null;
            bye("Commands sent after COMPRESS before its completion");
            return;
        }
        StatusResponse ready = StatusResponse.tagged(current.tag(), Status.OK, null, "DEFLATE active");
        current = null;
        consecutiveBad = 0;
        compressed = true;
        connection.startCompression(ready);
        connection.readNext();
    }

    boolean compressed() {
        return compressed;
    }

    /** LOGOUT: the BYE, then the tagged OK, then the connection closes (RFC 3501 section 6.1.3). */
    void logout() {
        write(StatusResponse.untagged(Status.BYE, null, "Logging out"));
        state = SessionState.LOGOUT;
        unselect();
        ok("LOGOUT completed");
    }

    // ---------------------------------------------------------------- mailbox updates

    /**
     * Asks the listener what changed in the selected folder since the highest MODSEQ the session knows
     * and tells the client; then runs {@code then}. A failure only delays the updates to a later command,
     * except that a deleted folder ends the session (its UIDs mean nothing any more).
     */
    void refresh(SelectedMailbox.Updates updates, Runnable then) {
        SelectedMailbox mailbox = selected;
        if (mailbox == null) {
            then.run();
            return;
        }
        dirty = false;
        refreshFailed = false;
        long since = mailbox.highestModseq();
        boolean claimRecent = !mailbox.readOnly();
        call(listener -> listener.changes(user, mailbox.folder(), since, claimRecent), delta -> {
            if (selected == mailbox) {
                writeAll(mailbox.apply(delta, updates));
            }
            then.run();
        }, refused -> {
            if ("NONEXISTENT".equals(refused.code())) {
                bye("Selected mailbox was deleted");
            } else {
                // Not lost: asked again at the end of the next command, or by the next IDLE retry.
                dirty = true;
                refreshFailed = true;
                then.run();
            }
        });
    }

    // ---------------------------------------------------------------- IDLE (RFC 2177)

    /** After {@code + idling}: updates are pushed as they come until the client sends DONE. */
    void idle() {
        idling = true;
        idleDone = null;
        readLine(this::onIdleLine);
        if (selected != null) {
            idleRefresh();
        }
    }

    private void idleRefresh() {
        refresh(new SelectedMailbox.Updates(true, condstore(), qresync(), false), () -> {
            connection.flush();
            if (shuttingDown) {
                bye("Server shutting down");
            } else if (!idling) {
                endIdle();
            } else if (refreshFailed) {
                // Saturated pool or store failure: try again later rather than at once.
                connection.schedule(this::retryIdleRefresh, IDLE_RETRY);
            } else if (dirty) {
                idleRefresh();
            }
        });
    }

    private void retryIdleRefresh() {
        if (idling && !callInFlight && !closed) {
            idleRefresh();
        }
    }

    /** DONE, or anything else, which ends IDLE with BAD; either waits for an update in progress. */
    private void onIdleLine(ImapCommandText line) {
        idling = false;
        idleDone = line.lines().size() == 1
                && new String(line.lines().get(0), StandardCharsets.US_ASCII).equalsIgnoreCase("DONE");
        if (!callInFlight) {
            endIdle();
        }
    }

    private void endIdle() {
        if (Boolean.TRUE.equals(idleDone)) {
            ok("IDLE terminated");
        } else {
            bad("Expected DONE to end IDLE");
        }
    }

    private static void discard(List<Literal.Spooled> spooled) {
        spooled.forEach(literal -> literal.spool().discard());
    }
}
