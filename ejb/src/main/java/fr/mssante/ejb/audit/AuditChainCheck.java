package fr.mssante.ejb.audit;

import java.util.Arrays;

/**
 * Walks the audit trail in insertion order and says whether its hash chain holds: each event's
 * {@code prev_hash} is the previous event's {@code hash} (the first one's is all zeros), and each
 * {@code hash} is what {@link AuditTrail#chain} gives for the previous hash and the event's stored
 * fields. A removed, inserted, reordered or altered row breaks it at that row.
 */
final class AuditChainCheck {

    private byte[] previous = AuditTrail.GENESIS;
    private long events;
    private Long brokenAt;
    private String problem;

    /** Checks the next event; after the first break the rest is only counted. */
    void accept(long id, byte[] prevHash, byte[] hash, AuditRecord record) {
        events++;
        if (brokenAt != null) {
            return;
        }
        if (!Arrays.equals(prevHash, previous)) {
            broken(id, "its previous hash is not the hash of the event before it");
        } else if (!Arrays.equals(hash, AuditTrail.chain(prevHash, record))) {
            broken(id, "its hash does not match its content");
        }
        previous = hash;
    }

    private void broken(long id, String why) {
        brokenAt = id;
        problem = "audit event " + id + ": " + why;
    }

    AuditChainVerification result() {
        return new AuditChainVerification(events, brokenAt == null, brokenAt, problem);
    }
}
