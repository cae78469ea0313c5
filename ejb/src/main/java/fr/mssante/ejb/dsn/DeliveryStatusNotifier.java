package fr.mssante.ejb.dsn;

import jakarta.ejb.Local;

/**
 * Sends delivery status notifications: builds the RFC 3464 {@code multipart/report} and hands it to the
 * mail pipeline with the null reverse-path, so it reaches a hosted sender's INBOX or is relayed back to
 * another operator like any message. Runs in the caller's transaction: the report exists if and only if
 * the state change that caused it commits.
 */
@Local
public interface DeliveryStatusNotifier {

    /**
     * Sends {@code report} to its original sender, keeping only the recipients whose NOTIFY asks for this
     * kind of event (RFC 3461 section 4.1). Nothing is sent when none remains.
     */
    void send(DeliveryReport report);
}
