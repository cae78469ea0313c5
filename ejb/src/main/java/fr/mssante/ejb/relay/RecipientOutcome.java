package fr.mssante.ejb.relay;

import fr.mssante.ejb.relay.smtp.PeerReply;

import java.util.UUID;

/**
 * What one attempt gave for one recipient.
 *
 * @param status    RFC 3463 enhanced status ({@code 2.0.0}, {@code 5.1.1}, {@code 4.4.1}...)
 * @param reply     the peer's reply about this recipient, null when it failed before one (network, TLS, DNS)
 * @param detail    the reply as text, or what went wrong
 * @param remoteMta the host that answered or was tried, null when none was
 */
record RecipientOutcome(UUID recipientId, Kind kind, String status, PeerReply reply, String detail, String remoteMta) {

    enum Kind { SENT, FAILED, DEFERRED }
}
