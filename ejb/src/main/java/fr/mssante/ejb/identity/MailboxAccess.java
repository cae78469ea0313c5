package fr.mssante.ejb.identity;

import fr.mssante.ejb.mailbox.MailboxType;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which mailboxes a professional, known by national id, may use, and with which rights: the ones they
 * own (everything) and the ones delegated to them (the delegation's rights, ADR 0013). Closed mailboxes
 * are nobody's. Also what a mail session may do, asked again at every call so that a revoked or
 * narrowed delegation takes effect at the delegate's next command.
 */
@Stateless
public class MailboxAccess {

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    /**
     * Across establishments (a practitioner may work in several), through the narrow SECURITY DEFINER
     * function {@code mailbox_grants_of} (V4, rights since V7): whatever the transaction's scope, it
     * answers for this national id only, which callers take from a verified token.
     */
    public List<MailboxGrant> grantsOf(String nationalId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT address, type, display_name, access, rights FROM mailbox_grants_of(?1)")
                .setParameter(1, nationalId).getResultList();
        return rows.stream().map(r -> {
            MailboxGrant.Access access = MailboxGrant.Access.valueOf((String) r[3]);
            return new MailboxGrant((String) r[0], MailboxType.valueOf((String) r[1]), (String) r[2], access,
                    access == MailboxGrant.Access.OWNER ? DelegationRight.ALL : rights((String) r[4]));
        }).toList();
    }

    /** The grant of that mailbox to that professional, if any. */
    public Optional<MailboxGrant> grant(String nationalId, String address) {
        if (nationalId == null || address == null) {
            return Optional.empty();
        }
        String canonical = address.strip().toLowerCase(Locale.ROOT);
        return grantsOf(nationalId).stream().filter(g -> g.address().equals(canonical)).findFirst();
    }

    /**
     * What a mail session may do now: everything as the mailbox's owner, the current rights of the
     * delegation for a delegate (none once revoked).
     */
    public Set<DelegationRight> rightsOf(SessionPrincipal principal) {
        return principal.delegate()
                .map(nationalId -> grant(nationalId, principal.address())
                        .map(MailboxGrant::rights).orElse(Set.of()))
                .orElse(DelegationRight.ALL);
    }

    static Set<DelegationRight> rights(String stored) {
        return stored == null || stored.isEmpty() ? Set.of() : Arrays.stream(stored.split(","))
                .map(DelegationRight::valueOf).collect(Collectors.toUnmodifiableSet());
    }
}
