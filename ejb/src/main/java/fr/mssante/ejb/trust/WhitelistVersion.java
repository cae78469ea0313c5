package fr.mssante.ejb.trust;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One accepted version of the whitelist, as stored (without its entries).
 *
 * @param id            database id, increasing with each new version
 * @param fetchedAt     when it was downloaded first
 * @param lastCheckedAt when a download last found it unchanged (= fetchedAt until then)
 * @param sourceUrl     where it came from
 * @param sha256        lower-case hex digest of the file's bytes
 * @param sizeBytes     the file's size
 * @param generatedText {@code DateDeGeneration} as published, may be null
 * @param generatedAt   the same as an instant when recognised, may be null
 * @param domainCount   how many entries it holds
 * @param warnings      entries left out or doubtful
 * @param fetchedBy     who fetched it: a node's scheduled refresh or an operator administrator
 */
public record WhitelistVersion(long id, OffsetDateTime fetchedAt, OffsetDateTime lastCheckedAt, String sourceUrl,
                               String sha256, int sizeBytes, String generatedText, OffsetDateTime generatedAt,
                               int domainCount, List<String> warnings, String fetchedBy) {
}
