package fr.mssante.connector.smtp;

import fr.mssante.connector.api.auth.ClientConnection;
import fr.mssante.connector.api.metrics.MailMetricsSink;
import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.MessageContent;
import fr.mssante.connector.api.smtp.PeerCertificate;
import fr.mssante.connector.api.smtp.SmtpEnvelope;
import fr.mssante.connector.api.smtp.SmtpReply;
import fr.mssante.connector.api.smtp.SmtpSessionInfo;
import fr.mssante.connector.sasl.SaslMechanisms;
import fr.mssante.connector.server.MessageSpool;
import fr.mssante.connector.smtp.SessionStep.AwaitListener;
import fr.mssante.connector.smtp.SessionStep.Next;
import fr.mssante.connector.smtp.SessionStep.ReadChunk;
import fr.mssante.connector.smtp.SessionStep.Respond;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server side of one SMTP session (RFC 5321 section 4.1.4 for the order of commands), free of any
 * network code: it receives frames and answers with {@link SessionStep}s. Runs on the connection's
 * event loop only, including the continuations of listener calls.
 */
final class SmtpSession {

    private static final Logger LOG = Logger.getLogger(SmtpSession.class.getName());

    /**
     * Replies that count as a protocol error for the consecutive-errors limit: unknown or malformed
     * commands, out-of-sequence commands, unsupported parameters. Refusals decided by the application
     * (550 unknown mailbox...) do not count.
     */
    private static final Set<Integer> PROTOCOL_ERRORS = Set.of(500, 501, 503, 555);

    private final SmtpServerConfig config;
    private final SmtpCommandParser parser;
    private final SmtpExtensions extensions;
    private final ListenerInvoker invoker;
    private final String sessionId;
    private final String clientAddress;
    private final SaslMechanisms mechanisms;

    private String heloName;
    private MailTransaction transaction;
    private int consecutiveErrors;
    private boolean tls;
    private String tlsProtocol;
    private String tlsCipherSuite;
    private X509Certificate clientCertificate;
    private PeerCertificate peerCertificate;
    /** Replaced when TLS starts: nothing learnt in clear survives (RFC 3207 section 4.2). */
    private SmtpAuthentication authentication;
    /** What to answer once the BDAT chunk being read has been consumed ({@link #onEndOfChunk()}). */
    private Supplier<SessionStep> afterChunk;

    SmtpSession(SmtpServerConfig config, SmtpExtensions extensions, SaslMechanisms mechanisms, ListenerInvoker invoker,
                String sessionId, String clientAddress) {
        this.config = config;
        this.parser = new SmtpCommandParser(config.hostname());
        this.extensions = extensions;
        this.mechanisms = mechanisms;
        this.invoker = invoker;
        this.sessionId = sessionId;
        this.clientAddress = clientAddress;
        this.authentication = newAuthentication();
    }

    private SmtpAuthentication newAuthentication() {
        return new SmtpAuthentication(config, mechanisms, invoker, this::clientConnection);
    }

    String sessionId() {
        return sessionId;
    }

    SmtpReply greeting() {
        return SmtpReplies.greeting(config.hostname());
    }

    SessionStep onCommandLine(String line) {
        if (authentication.awaitsResponse()) {
            return countingErrors(authentication.onResponse(line));
        }
        if (authentication.tooLong(line)) {
            return countingErrors(respond(SmtpReplies.LINE_TOO_LONG));
        }
        return countingErrors(execute(parser.parse(line)));
    }

    SessionStep onRejectedLine(FramingViolation violation) {
        SmtpReply reply = switch (violation) {
            case BARE_CR -> SmtpReplies.BARE_CR_IN_COMMAND;
            case BARE_LF -> SmtpReplies.BARE_LF_IN_COMMAND;
            case LINE_TOO_LONG, MESSAGE_TOO_LARGE -> SmtpReplies.LINE_TOO_LONG;
            case MALFORMED_UTF8 -> SmtpReplies.MALFORMED_UTF8_IN_COMMAND;
        };
        return countingErrors(respond(reply));
    }

    /**
     * The end of data consumes the transaction whatever happens next (RFC 5321 section 4.1.1.4): after
     * a refusal or a failed delivery the client starts again with MAIL, or RSET, or QUIT.
     *
     * @param violation why the decoder condemned the message, {@code null} if it did not
     * @param spool     the content; this session now owns it and discards it when done
     */
    SessionStep onEndOfData(FramingViolation violation, MessageSpool spool) {
        MailTransaction ended = transaction;
        transaction = null;
        if (violation != null) {
            spool.discard();
            LOG.fine(() -> sessionId + ": message refused, " + violation);
            return respond(transactionEnded(refusal(violation)));
        }
        return deliver(ended, spool);
    }

    /**
     * The octets of the chunk announced by the last BDAT have all been read (into the transaction's spool, or
     * thrown away when the chunk was refused): now the reply (RFC 3030 section 2).
     */
    SessionStep onEndOfChunk() {
        Supplier<SessionStep> then = afterChunk;
        afterChunk = null;
        return countingErrors(then.get());
    }

    /** The connection is gone: nothing received so far will be delivered. */
    void connectionClosed() {
        endTransaction();
    }

    /** Hands a complete message to the application; the reply waits for its durable commit (ADR 0002). */
    private SessionStep deliver(MailTransaction ended, MessageSpool spool) {
        MessageContent content;
        try {
            content = spool.content();
        } catch (IOException e) {
            spool.discard();
            LOG.log(Level.WARNING, sessionId + ": cannot spool message", e);
            return respond(transactionEnded(SmtpReplies.STORAGE_FAILURE));
        }
        SmtpEnvelope envelope = ended.envelope(sessionInfo());
        // The spool is gone before the reply is written, so nothing the client was told about outlives it.
        CompletionStage<SmtpReply> reply = invoker.deliver(envelope, content)
                .whenComplete((r, t) -> spool.discard());
        return new AwaitListener(reply, r -> respond(transactionEnded(r)));
    }

    /** Reports the end of a mail transaction with the reply to its end of data; returns that reply. */
    private SmtpReply transactionEnded(SmtpReply reply) {
        String outcome = switch (reply.code() / 100) {
            case 2 -> "accepted";
            case 4 -> "deferred";
            default -> "rejected";
        };
        String reason = reply.enhancedStatus() != null ? reply.enhancedStatus() : String.valueOf(reply.code());
        MailMetricsSink.current().smtpTransactionEnded(config.service(), outcome, reason);
        return reply;
    }

    private static SmtpReply refusal(FramingViolation violation) {
        return switch (violation) {
            case MESSAGE_TOO_LARGE -> SmtpReplies.MESSAGE_TOO_BIG;
            case LINE_TOO_LONG -> SmtpReplies.DATA_LINE_TOO_LONG;
            case BARE_CR, BARE_LF -> SmtpReplies.BARE_LINE_ENDING_IN_DATA;
            case MALFORMED_UTF8 -> throw new IllegalStateException("message data is not decoded");
        };
    }

    private SessionStep execute(SmtpCommand command) {
        if (command instanceof SmtpCommand.Invalid invalid) {
            return respond(invalid.reply());
        }
        if (command instanceof SmtpCommand.Hello hello) {
            return hello(hello);
        }
        if (command instanceof SmtpCommand.Mail mail) {
            return mail(mail);
        }
        if (command instanceof SmtpCommand.Rcpt rcpt) {
            return rcpt(rcpt);
        }
        if (command instanceof SmtpCommand.Auth auth) {
            return authentication.auth(auth, heloName != null);
        }
        if (command instanceof SmtpCommand.Bdat bdat) {
            return bdat(bdat);
        }
        return switch (((SmtpCommand.Simple) command).verb()) {
            case DATA -> data();
            case RSET -> reset();
            case NOOP -> respond(SmtpReplies.OK);
            case QUIT -> new Respond(SmtpReplies.bye(config.hostname()), Next.CLOSE);
            case VRFY -> respond(SmtpReplies.CANNOT_VRFY);
            case EXPN -> respond(SmtpReplies.EXPN_DISABLED);
            case HELP -> respond(SmtpReplies.HELP);
            case STARTTLS -> startTls();
        };
    }

    /** RFC 3207 section 4: STARTTLS, answered 220 when the network side can start TLS at once. */
    private SessionStep startTls() {
        if (tls) {
            return respond(SmtpReplies.TLS_ALREADY_ACTIVE);
        }
        if (config.tls() == null) {
            return respond(SmtpReplies.TLS_UNAVAILABLE);
        }
        return new Respond(SmtpReplies.READY_FOR_TLS, Next.START_TLS);
    }

    /**
     * TLS is up (after STARTTLS, or at once on an implicit TLS port). RFC 3207 section 4.2: everything
     * learnt before is forgotten, the client must start again with EHLO (and AUTH, RFC 4954 section 4).
     *
     * @param certificate the verified client certificate, null when the client presented none or one that did
     *                    not verify (on the MX, which lets any certificate through the handshake)
     * @param peer        the presented certificate and its verification outcome, null when none was presented
     * @param protocol    the negotiated protocol version, for the application's records
     * @param cipherSuite the negotiated cipher suite, likewise
     */
    void tlsStarted(X509Certificate certificate, PeerCertificate peer, String protocol, String cipherSuite) {
        tls = true;
        clientCertificate = certificate;
        peerCertificate = peer;
        tlsProtocol = protocol;
        tlsCipherSuite = cipherSuite;
        heloName = null;
        endTransaction();
        consecutiveErrors = 0;
        authentication = newAuthentication();
    }

    /**
     * The connection as the application's {@code authenticate} sees it, in its current state: encrypted or
     * not, and with the client certificate verified during the handshake. The one record of what TLS
     * established: AUTH's offer (EHLO, EXTERNAL) and the session info derive from it.
     */
    ClientConnection clientConnection() {
        return new ClientConnection(sessionId, config.service(), clientAddress, tls, clientCertificate);
    }

    private SessionStep reset() {
        endTransaction();
        return respond(SmtpReplies.OK);
    }

    /** Drops the transaction and whatever BDAT content it holds. */
    private void endTransaction() {
        if (transaction != null) {
            transaction.discard();
            transaction = null;
        }
    }

    /** RFC 5321 section 4.1.4: a (new) HELO or EHLO resets the state as RSET does. */
    private SessionStep hello(SmtpCommand.Hello hello) {
        heloName = hello.clientName();
        endTransaction();
        String first = config.hostname() + " Hello " + heloName + " [" + clientAddress + "]";
        if (!hello.extended()) {
            return respond(new SmtpReply(250, null, List.of(first)));
        }
        List<String> lines = new ArrayList<>();
        lines.add(first);
        lines.addAll(extensions.keywords(tls));
        lines.addAll(authentication.ehloKeywords());
        return respond(new SmtpReply(250, null, lines));
    }

    private SessionStep mail(SmtpCommand.Mail mail) {
        if (heloName == null) {
            return respond(SmtpReplies.NEED_HELO);
        }
        if (transaction != null) {
            return respond(SmtpReplies.NESTED_MAIL);
        }
        SmtpReply unauthenticated = authentication.mailRefusal();
        if (unauthenticated != null) {
            return respond(unauthenticated);
        }
        if (mail.declaredSize() > config.maxMessageSize()) {
            return respond(SmtpReplies.MESSAGE_TOO_BIG);
        }
        // The application judges every reverse-path: on submission, may the principal send as this address
        // (own mailbox, delegation)? On the MX, is it a hosted domain that must authenticate on submission?
        SmtpSessionInfo info = sessionInfo();
        return new AwaitListener(
                invoker.invoke(listener -> listener.checkSender(info, mail.reversePath())),
                reply -> {
                    if (reply.code() / 100 == 2) {
                        transaction = new MailTransaction(mail);
                    }
                    return respond(reply);
                });
    }

    private SessionStep rcpt(SmtpCommand.Rcpt rcpt) {
        MailAddress recipient = rcpt.recipient();
        MailTransaction current = transaction;
        if (current == null) {
            return respond(SmtpReplies.NEED_MAIL);
        }
        if (rcpt.utf8() && !current.mail().smtpUtf8()) {
            return respond(SmtpReplies.NEEDS_SMTPUTF8);
        }
        if (current.recipientCount() >= config.maxRecipients()) {
            return respond(SmtpReplies.TOO_MANY_RECIPIENTS);
        }
        SmtpEnvelope envelope = current.envelope(sessionInfo());
        return new AwaitListener(
                invoker.invoke(listener -> listener.checkRecipient(envelope, recipient)),
                reply -> {
                    if (reply.code() / 100 == 2) {
                        current.addRecipient(recipient, rcpt.dsn());
                    }
                    return respond(reply);
                });
    }

    /**
     * RFC 5321 section 3.3: DATA with no accepted recipient gets 554 (or 503 when there is no MAIL at all).
     * RFC 3030: DATA is refused with 503 in a transaction that started BDAT (section 2) or declared BINARYMIME
     * (section 3); the transaction stays as it is, the client must RSET.
     */
    private SessionStep data() {
        if (transaction == null) {
            return respond(SmtpReplies.NEED_MAIL);
        }
        if (transaction.chunked()) {
            return respond(SmtpReplies.DATA_AFTER_BDAT);
        }
        if (transaction.mail().binary()) {
            return respond(SmtpReplies.BINARYMIME_NEEDS_BDAT);
        }
        if (transaction.recipientCount() == 0) {
            return respond(SmtpReplies.NO_VALID_RECIPIENTS);
        }
        return new Respond(SmtpReplies.START_DATA, Next.READ_DATA);
    }

    /**
     * BDAT (RFC 3030 section 2). Its octets follow the command whatever we answer, possibly with more commands
     * pipelined behind them (section 4.2), so they are always consumed before the reply: into the transaction's
     * spool when the chunk is accepted, nowhere when it is refused ("the receiver-SMTP MUST accept and discard
     * the associated message data before sending the appropriate 5XX or 4XX code").
     * <ul>
     *   <li>No transaction (never opened, or ended by BDAT LAST or by a refused chunk): 503; any BDAT after
     *       the last chunk is one of these.</li>
     *   <li>No accepted recipient: 554, as DATA.</li>
     *   <li>A chunk that takes the message past the maximum size: 552 5.3.4 (RFC 1870 section 6.2), and the
     *       transaction ends: the client must not send further chunks after a failure, and those already
     *       pipelined get 503.</li>
     *   <li>Otherwise 250 for an intermediate chunk; after the LAST one, the application's reply to
     *       {@code deliver}, given after its durable commit as for DATA (ADR 0002).</li>
     * </ul>
     */
    private SessionStep bdat(SmtpCommand.Bdat bdat) {
        MailTransaction current = transaction;
        if (current == null) {
            return discardChunk(bdat, SmtpReplies.NEED_MAIL);
        }
        if (current.recipientCount() == 0) {
            return discardChunk(bdat, SmtpReplies.NO_VALID_RECIPIENTS);
        }
        if (!current.countChunk(bdat.size(), config.maxMessageSize())) {
            endTransaction();
            LOG.fine(() -> sessionId + ": BDAT chunk of " + bdat.size() + " octets exceeds the maximum message size");
            afterChunk = () -> respond(transactionEnded(SmtpReplies.MESSAGE_TOO_BIG));
            return new ReadChunk(bdat.size(), null);
        }
        MessageSpool sink = current.chunkSpool(
                () -> new MessageSpool(config.spoolThreshold(), config.spoolDirectory(), "smtp-" + sessionId + "-"));
        if (bdat.last()) {
            afterChunk = () -> {
                transaction = null;
                return deliver(current, current.takeChunks());
            };
        } else {
            afterChunk = () -> respond(SmtpReplies.chunkReceived(bdat.size()));
        }
        return new ReadChunk(bdat.size(), sink);
    }

    private SessionStep discardChunk(SmtpCommand.Bdat bdat, SmtpReply refusal) {
        afterChunk = () -> respond(refusal);
        return new ReadChunk(bdat.size(), null);
    }

    private SessionStep countingErrors(SessionStep step) {
        if (step instanceof Respond respond && PROTOCOL_ERRORS.contains(respond.reply().code())) {
            if (++consecutiveErrors >= config.maxConsecutiveErrors()) {
                LOG.info(() -> sessionId + ": " + consecutiveErrors + " consecutive errors from " + clientAddress
                        + ", disconnecting");
                return new Respond(SmtpReplies.tooManyErrors(config.hostname()), Next.CLOSE);
            }
        } else if (!(step instanceof ReadChunk)) {
            // A chunk being read is not an answer yet: its reply, counted at the end of the chunk, decides.
            consecutiveErrors = 0;
        }
        return step;
    }

    private static Respond respond(SmtpReply reply) {
        return new Respond(reply, Next.READ_COMMAND);
    }

    private SmtpSessionInfo sessionInfo() {
        return new SmtpSessionInfo(sessionId, clientAddress, heloName, config.service(), tls,
                authentication.user(), tlsProtocol, tlsCipherSuite, peerCertificate);
    }
}
