package fr.mssante.ejb.trust;

import javax.security.auth.x500.X500Principal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One version of the whitelist as a node holds it in memory: immutable, so the SMTP threads that ask it
 * on every MAIL and RCPT read it without a lock while a refresh builds the next one and swaps it in.
 * Entries are indexed by domain and by operator certificate subject (the canonical {@link X500Principal},
 * so {@code CN=a, O=b} and {@code cn=A,o=B} find the same operator, RFC 4517 section 4.2.15).
 *
 * @param version  the stored version, null for the empty list (nothing stored yet, nothing fetched)
 * @param entries  every entry with its contacts, in domain order (for listings)
 */
public record WhitelistSnapshot(WhitelistVersion version, List<WhitelistEntry> entries, Map<String, TrustedDomain> byDomain,
                                Map<X500Principal, List<TrustedDomain>> byOperator) {

    public static final WhitelistSnapshot EMPTY = new WhitelistSnapshot(null, List.of(), Map.of(), Map.of());

    public static WhitelistSnapshot of(WhitelistVersion version, List<WhitelistEntry> entries) {
        List<WhitelistEntry> sorted = entries.stream().sorted(Comparator.comparing(WhitelistEntry::domain)).toList();
        Map<String, TrustedDomain> byDomain = new HashMap<>();
        Map<X500Principal, List<TrustedDomain>> byOperator = new HashMap<>();
        sorted.forEach(entry -> {
            TrustedDomain trusted = entry.trusted();
            byDomain.put(entry.domain(), trusted);
            operator(entry.operatorDn()).ifPresent(dn -> byOperator.computeIfAbsent(dn, k -> new ArrayList<>()).add(trusted));
        });
        Map<X500Principal, List<TrustedDomain>> frozen = new HashMap<>();
        byOperator.forEach((dn, domains) -> frozen.put(dn, List.copyOf(domains)));
        return new WhitelistSnapshot(version, sorted, Map.copyOf(byDomain), Map.copyOf(frozen));
    }

    public Optional<TrustedDomain> lookup(String domain) {
        return Optional.ofNullable(byDomain.get(domain));
    }

    /** Domains served by the operator of this certificate subject, in domain order. */
    public List<TrustedDomain> domainsOf(X500Principal subject) {
        List<TrustedDomain> domains = byOperator.get(subject);
        return domains == null ? List.of() : domains;
    }

    public boolean isEmpty() {
        return byDomain.isEmpty();
    }

    /** When this list was last confirmed current (fetched, or fetched again unchanged); null when empty. */
    public OffsetDateTime confirmedAt() {
        return version == null ? null : version.lastCheckedAt();
    }

    /** The same version with a later check time, as another node recorded it. */
    WhitelistSnapshot checkedAt(WhitelistVersion refreshed) {
        return new WhitelistSnapshot(refreshed, entries, byDomain, byOperator);
    }

    private static Optional<X500Principal> operator(String dn) {
        try {
            return Optional.of(new X500Principal(dn));
        } catch (IllegalArgumentException unparseable) {
            return Optional.empty(); // matches nothing, as TrustedDomain.declares says
        }
    }
}
