package fr.mssante.ejb.trust;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A parsed {@code listeblanchemssante.xml}: its entries in document order, and what was wrong with the
 * entries left out (kept with the version, shown over REST).
 *
 * @param generatedText {@code DateDeGeneration} as published, null when absent
 * @param generatedAt   the same as an instant when its format is recognised, else null
 * @param entries       at least one, one per domain
 * @param warnings      one line per skipped or doubtful entry
 */
public record WhitelistDocument(String generatedText, OffsetDateTime generatedAt, List<WhitelistEntry> entries,
                                List<String> warnings) {

    public WhitelistDocument {
        entries = List.copyOf(entries);
        warnings = List.copyOf(warnings);
    }
}
