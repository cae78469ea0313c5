package fr.mssante.ejb.trust;

/**
 * What one refresh attempt did.
 *
 * @param result  see {@link Result}
 * @param version the current version after the attempt (null when there is none)
 * @param detail  for {@code REJECTED} the reason, for {@code SKIPPED} why; null otherwise
 */
public record RefreshOutcome(Result result, WhitelistVersion version, String detail) {

    public enum Result {
        /** A new version was downloaded, verified, parsed and stored: it is now the current list. */
        UPDATED,
        /** The download is identical to the current version: only its check time moved. */
        UNCHANGED,
        /** The download failed or was refused: the current list stays (audited, shown over REST and health). */
        REJECTED,
        /** Another node is fetching, or fetched within this period: this node takes its result from the database. */
        SKIPPED
    }
}
