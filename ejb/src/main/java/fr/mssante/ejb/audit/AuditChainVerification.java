package fr.mssante.ejb.audit;

/**
 * The outcome of verifying the whole audit trail's hash chain.
 *
 * @param events           events read
 * @param intact           true when every event chains to the one before it
 * @param firstBrokenEvent id of the first event that does not, null when intact
 * @param problem          what is wrong with that event, null when intact
 */
public record AuditChainVerification(long events, boolean intact, Long firstBrokenEvent, String problem) {
}
