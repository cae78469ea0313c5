package fr.mssante.ejb.relay.smtp;

import java.util.Map;

/**
 * The peer's answer for each recipient of a transaction that reached the recipients: the RCPT TO reply
 * for a refused recipient, the final reply after DATA for an accepted one (RFC 5321 section 4.1.1.4:
 * that reply is for all the recipients accepted). A 2xx means the peer took responsibility for it.
 *
 * @param perRecipient every recipient's address with its reply, in the order given
 * @param peerDsn      whether the peer advertised DSN, so that NOTIFY and ORCPT went along (RFC 3461 section 5.2)
 * @param remoteMta    the host that answered
 */
public record TransactionResult(Map<String, PeerReply> perRecipient, boolean peerDsn, String remoteMta) {

    public TransactionResult {
        perRecipient = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perRecipient));
    }
}
