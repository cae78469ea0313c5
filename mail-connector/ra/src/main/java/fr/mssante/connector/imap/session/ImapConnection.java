package fr.mssante.connector.imap.session;

import fr.mssante.connector.imap.response.ImapResponse;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What a session needs from its network connection; implemented over a Netty channel by the session
 * handler, and by a recorder in unit tests. Every method is called on the connection's event loop.
 */
public interface ImapConnection {

    /** Queues a response; it leaves at the next flush. */
    void write(ImapResponse response);

    /** Sends what is queued. */
    void flush();

    /** Sends what is queued, then runs {@code next} on the event loop once it is written (back pressure). */
    void flushThen(Runnable next);

    /** Reads and decodes the next command (or IDLE's DONE, or a SASL response line). */
    void readNext();

    /** Sends what is queued and closes the connection. */
    void close();

    /** Runs {@code task} on this connection's event loop, from any thread. */
    void execute(Runnable task);

    /** Runs {@code task} on this connection's event loop after {@code delay}. */
    void schedule(Runnable task, Duration delay);

    String clientAddress();

    /**
     * Throws away what the client sent after the current command and says whether there was anything
     * (STARTTLS must end what the client sends in clear, CVE-2011-0411).
     */
    boolean discardPipelined();

    /**
     * Sends {@code ready} in clear, then negotiates TLS; {@code started} runs on the event loop once TLS
     * is up, with the client certificate verified during the handshake (null when none). A failed
     * handshake closes the connection.
     */
    void startTls(ImapResponse ready, Consumer<X509Certificate> started);

    /**
     * Mailbox names in responses are UTF-8 from now on (ENABLE UTF8=ACCEPT, RFC 6855 section 3), for the
     * rest of the connection.
     */
    void acceptUtf8();

    /**
     * Sends {@code ready} uncompressed, then deflates what is sent and inflates what is received from the
     * next octet on (RFC 4978 section 3).
     */
    void startCompression(ImapResponse ready);
}
