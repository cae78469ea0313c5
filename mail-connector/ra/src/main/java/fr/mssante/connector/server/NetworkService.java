package fr.mssante.connector.server;

import java.io.IOException;
import java.time.Duration;

/** A listening service (SMTP MX, submission, IMAP) as the resource adapter starts and stops it. */
public interface NetworkService {

    void start() throws IOException;

    /**
     * Stops accepting connections and closes the sessions, gracefully within {@code gracePeriod}.
     *
     * @return whether every session closed within the grace period
     */
    boolean stop(Duration gracePeriod);
}
