package fr.mssante.ejb.identity;

import java.time.OffsetDateTime;
import java.util.Set;

/** A delegation as administrators see it. {@code grantedBy} is null for delegations older than ADR 0013. */
public record DelegationView(String nationalId, Set<DelegationRight> rights, OffsetDateTime grantedAt,
                             String grantedBy) {

    public DelegationView {
        rights = Set.copyOf(rights);
    }
}
