package fr.mssante.connector.smtp;

import fr.mssante.connector.api.auth.AuthOutcome;
import fr.mssante.connector.api.auth.ClientConnection;
import fr.mssante.connector.api.auth.Credentials;
import fr.mssante.connector.api.smtp.SmtpReply;
import fr.mssante.connector.sasl.SaslConditions;
import fr.mssante.connector.sasl.SaslDialogue;
import fr.mssante.connector.sasl.SaslMechanism;
import fr.mssante.connector.sasl.SaslMechanisms;
import fr.mssante.connector.smtp.SessionStep.AwaitListener;
import fr.mssante.connector.smtp.SessionStep.Delayed;
import fr.mssante.connector.smtp.SessionStep.Next;
import fr.mssante.connector.smtp.SessionStep.Respond;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * SMTP AUTH (RFC 4954) of one session on the submission service: what EHLO advertises, the AUTH command
 * and its 334 challenges, the principal once authenticated, and the rule that MAIL needs one (section 6).
 * The exchange itself is a {@link SaslDialogue}; this class says it in SMTP. Event-loop confined.
 */
final class SmtpAuthentication {

    /** RFC 4954 section 4: AUTH lines and responses may be 12288 octets long, CRLF included. */
    static final int AUTH_LINE_LENGTH = 12288;

    /**
     * Stands for "the listener gave a verdict" in the SMTP invoker, whose calls return replies; never sent.
     * Anything else it returns (451 for a failed call or a saturated pool) means no verdict.
     */
    private static final SmtpReply VERDICT = SmtpReply.of(250, "2.7.0", "verdict");

    private final SmtpServerConfig config;
    private final SaslMechanisms mechanisms;
    private final ListenerInvoker invoker;
    /** The session's connection as it stands (TLS, client certificate): STARTTLS changes it. */
    private final Supplier<ClientConnection> connection;

    private SaslDialogue dialogue;
    private String user;

    SmtpAuthentication(SmtpServerConfig config, SaslMechanisms mechanisms, ListenerInvoker invoker,
                       Supplier<ClientConnection> connection) {
        this.config = config;
        this.mechanisms = mechanisms;
        this.invoker = invoker;
        this.connection = connection;
    }

    /** The longest command line the decoder must keep: AUTH lines may exceed the configured limit. */
    static int lineCapacity(SmtpServerConfig config) {
        return config.submission() ? Math.max(config.maxCommandLineLength(), AUTH_LINE_LENGTH) : config.maxCommandLineLength();
    }

    /** The principal, null until AUTH succeeds. RSET and EHLO keep it (RFC 4954 section 4). */
    String user() {
        return user;
    }

    /** Whether the next line is a response to a 334 challenge rather than a command. */
    boolean awaitsResponse() {
        return dialogue != null;
    }

    /**
     * Whether a line longer than the configured command limit, which only AUTH lines may be, must be
     * refused; the decoder already kept it whole ({@link #lineCapacity}).
     */
    boolean tooLong(String line) {
        // A char is at most 3 octets in UTF-8 (a surrogate pair 4 for 2 chars): most lines need no encoding.
        if (line.length() * 3 + 2 <= config.maxCommandLineLength() || awaitsResponse()
                || line.regionMatches(true, 0, "AUTH ", 0, 5)) {
            return false;
        }
        return line.getBytes(StandardCharsets.UTF_8).length + 2 > config.maxCommandLineLength();
    }

    /** The EHLO keyword, {@code AUTH} and the mechanisms offered on this connection, if any. */
    List<String> ehloKeywords() {
        List<String> offered = config.submission() ? mechanisms.advertised(conditions()) : List.of();
        return offered.isEmpty() ? List.of() : List.of("AUTH " + String.join(" ", offered));
    }

    /** RFC 4954 section 6: on submission, MAIL waits for AUTH. Null when MAIL may go on. */
    SmtpReply mailRefusal() {
        return config.submission() && user == null ? SmtpReplies.AUTH_REQUIRED : null;
    }

    /**
     * RFC 4954 section 4: not twice, not during a transaction; on submission a transaction needs AUTH
     * first, so "already authenticated" covers both.
     */
    SessionStep auth(SmtpCommand.Auth command, boolean greeted) {
        if (!config.submission()) {
            return respond(SmtpReplies.AUTH_NOT_AVAILABLE);
        }
        if (!greeted) {
            return respond(SmtpReplies.NEED_HELO);
        }
        if (user != null) {
            return respond(SmtpReplies.ALREADY_AUTHENTICATED);
        }
        SaslConditions conditions = conditions();
        if (!conditions.secretsAllowed()) {
            return respond(SmtpReplies.STARTTLS_FIRST);
        }
        SaslMechanism mechanism = mechanisms.offered(command.mechanism(), conditions);
        if (mechanism == null) {
            return respond(SmtpReplies.UNKNOWN_MECHANISM);
        }
        dialogue = SaslDialogue.of(mechanism, connection.get().sessionId());
        return perform(dialogue.start(command.initialResponse()));
    }

    /** A line sent after a 334 challenge. */
    SessionStep onResponse(String line) {
        return perform(dialogue.onResponse(line));
    }

    private SessionStep perform(SaslDialogue.Action action) {
        if (action instanceof SaslDialogue.Challenge challenge) {
            return Delayed.of(challenge.delay(), respond(SmtpReplies.authChallenge(challenge.base64())));
        }
        if (action instanceof SaslDialogue.Verify verify) {
            return verify(verify.credentials());
        }
        dialogue = null;
        if (action instanceof SaslDialogue.Succeeded succeeded) {
            user = succeeded.user();
            return respond(SmtpReplies.AUTH_SUCCEEDED);
        }
        if (action instanceof SaslDialogue.Failed failed) {
            return Delayed.of(failed.delay(), respond(switch (failed.outcome().status()) {
                case LOCKED -> SmtpReplies.AUTH_TEMPORARY_FAILURE;
                case DISABLED -> SmtpReplies.authDisabled(failed.outcome().reason());
                default -> SmtpReplies.AUTH_INVALID;
            }));
        }
        if (action instanceof SaslDialogue.Malformed malformed) {
            return respond(SmtpReplies.authMalformed(malformed.reason()));
        }
        return respond(SmtpReplies.AUTH_CANCELLED);
    }

    /** Asks the listener on the worker pool, as for RCPT; a failed or impossible call is 454 4.7.0. */
    private SessionStep verify(Credentials credentials) {
        ClientConnection client = connection.get();
        AtomicReference<AuthOutcome> verdict = new AtomicReference<>();
        return new AwaitListener(invoker.invoke(listener -> {
            verdict.set(listener.authenticate(client, credentials));
            return VERDICT;
        }), reply -> {
            if (reply != VERDICT || verdict.get() == null) {
                dialogue = null;
                return respond(SmtpReplies.AUTH_TEMPORARY_FAILURE);
            }
            return perform(dialogue.onVerdict(verdict.get()));
        });
    }

    private SaslConditions conditions() {
        ClientConnection client = connection.get();
        return SaslConditions.of(client.tls(), client.clientCertificate(), config.allowPlaintextAuth());
    }

    private static Respond respond(SmtpReply reply) {
        return new Respond(reply, Next.READ_COMMAND);
    }
}
