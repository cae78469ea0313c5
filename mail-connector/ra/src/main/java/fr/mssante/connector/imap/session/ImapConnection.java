package fr.mssante.connector.imap.session;

import fr.mssante.connector.imap.response.ImapResponse;

import java.security.cert.X509Certificate;
import java.time.Duration;

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

    boolean tls();

    /** The client's certificate, verified during the TLS handshake; null when none. */
    X509Certificate clientCertificate();
}
