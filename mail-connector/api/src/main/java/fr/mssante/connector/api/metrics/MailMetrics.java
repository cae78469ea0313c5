package fr.mssante.connector.api.metrics;

/**
 * What the protocol engines report for monitoring: connections, SMTP sessions and transactions, IMAP
 * commands. The adapter calls it on its event loops, so implementations must only bump counters and
 * timers (no I/O, no locks held long). Every argument is a bounded label value (service name, outcome,
 * reason, command name): never a user, an address or a free text, so the series stay few.
 *
 * <p>The adapter knows nothing of the metrics library; the application installs an implementation in
 * {@link MailMetricsSink} (ADR 0026). The defaults do nothing.
 */
public interface MailMetrics {

    /** Reports nothing: in force until the application installs its implementation, and in unit tests. */
    MailMetrics NONE = new MailMetrics() {
    };

    /**
     * A client connected to a mail listener.
     *
     * @param service   {@code mx}, {@code submission} or {@code imap}
     * @param admission {@code admitted}, or why the connection limits refused it ({@code too_many},
     *                  {@code too_many_for_address})
     */
    default void connectionOpened(String service, String admission) {
    }

    /** An admitted connection ended, however. */
    default void connectionClosed(String service) {
    }

    /**
     * An SMTP session ended.
     *
     * @param outcome {@code quit}, {@code disconnected}, {@code idle_timeout}, {@code protocol_errors},
     *                {@code shutdown} or {@code starttls_injection}
     */
    default void smtpSessionEnded(String service, String outcome) {
    }

    /**
     * An SMTP mail transaction ended with the reply to its end of data (RFC 5321 section 4.1.1.4).
     *
     * @param outcome {@code accepted} (2yz), {@code deferred} (4yz) or {@code rejected} (5yz)
     * @param reason  the reply's enhanced status code (RFC 3463, a bounded set) or its basic code when it
     *                has none
     */
    default void smtpTransactionEnded(String service, String outcome, String reason) {
    }

    /**
     * An IMAP command was answered (its tagged response written, RFC 3501 section 2.2.2).
     *
     * @param command the command name as a client writes it ({@code FETCH}, {@code UID FETCH}...)
     * @param status  {@code OK}, {@code NO} or {@code BAD}
     * @param nanos   from the complete command line to its tagged response
     */
    default void imapCommand(String command, String status, long nanos) {
    }
}
