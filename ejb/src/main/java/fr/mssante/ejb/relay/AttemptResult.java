package fr.mssante.ejb.relay;

import java.util.List;
import java.util.UUID;

/**
 * One SMTP transaction's outcome for the claimed recipients of one relay message.
 *
 * @param peerDsn whether the peer advertised DSN, i.e. took over the success notices (RFC 3461 section 5.2.2)
 */
record AttemptResult(UUID relayMessageId, boolean peerDsn, List<RecipientOutcome> outcomes) {

    AttemptResult {
        outcomes = List.copyOf(outcomes);
    }
}
