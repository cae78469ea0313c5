package fr.mssante.ejb.identity;

import fr.mssante.ejb.audit.AuditAction;
import fr.mssante.ejb.mailbox.Mailbox;
import fr.mssante.ejb.mailbox.MailboxException;
import fr.mssante.ejb.mailbox.MailboxService;
import fr.mssante.ejb.persistence.NativeColumns;
import fr.mssante.ejb.tenant.InvalidFieldException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Administration of delegations: who besides its owner may use a mailbox (an ORG mailbox's staff, a
 * replacement), with which rights (ADR 0013). Every change is audited in its transaction.
 */
@Stateless
public class Delegations {

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    @EJB
    private MailboxService mailboxes;

    @EJB
    private CredentialAudit credentialAudit;

    public List<DelegationView> list(String address) {
        Mailbox mailbox = mailboxes.existing(address);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT national_id, array_to_string(rights, ','), granted_at, granted_by "
                        + "FROM mailbox_delegation WHERE mailbox_id = ?1 ORDER BY granted_at, national_id")
                .setParameter(1, mailbox.getId()).getResultList();
        return rows.stream().map(r -> new DelegationView((String) r[0], MailboxAccess.rights((String) r[1]),
                NativeColumns.timestamp(r[2]), (String) r[3])).toList();
    }

    /**
     * Grants, or replaces the rights of an existing delegation (granting is idempotent: the same call
     * twice leaves one delegation).
     *
     * @param nationalId already checked ({@link NationalId#parse})
     */
    public DelegationView grant(String address, String nationalId, Collection<DelegationRight> requested, String actor) {
        Set<DelegationRight> rights = DelegationRight.normalised(requested);
        if (rights.isEmpty()) {
            throw new InvalidFieldException("rights", "at least one of READ, READ_WRITE, SEND_AS");
        }
        Mailbox mailbox = mailboxes.existing(address);
        if (nationalId.equals(mailbox.getOwnerNationalId())) {
            throw new InvalidFieldException("nationalId", "is the owner of " + address + ", who needs no delegation");
        }
        String stored = "{" + rights.stream().map(Enum::name).sorted().collect(Collectors.joining(",")) + "}";
        em.createNativeQuery("INSERT INTO mailbox_delegation (mailbox_id, tenant_id, national_id, rights, granted_by) "
                        + "VALUES (?1, ?2, ?3, CAST(?4 AS text[]), ?5) ON CONFLICT (mailbox_id, national_id) "
                        + "DO UPDATE SET rights = EXCLUDED.rights, granted_by = EXCLUDED.granted_by, granted_at = now()")
                .setParameter(1, mailbox.getId()).setParameter(2, mailbox.getTenantId())
                .setParameter(3, nationalId).setParameter(4, stored).setParameter(5, actor).executeUpdate();
        credentialAudit.record(AuditAction.DELEGATION_GRANTED, actor, mailbox, "nationalId=" + nationalId
                + " rights=" + stored);
        return list(address).stream().filter(d -> d.nationalId().equals(nationalId)).findFirst().orElseThrow();
    }

    /** Revokes: the delegate's open sessions lose the mailbox at their next command. */
    public void revoke(String address, String nationalId, String actor) {
        Mailbox mailbox = mailboxes.existing(address);
        int revoked = em.createNativeQuery("DELETE FROM mailbox_delegation WHERE mailbox_id = ?1 AND national_id = ?2")
                .setParameter(1, mailbox.getId()).setParameter(2, nationalId).executeUpdate();
        if (revoked == 0) {
            throw new MailboxException(MailboxException.Reason.NOT_FOUND,
                    "no delegation of " + address + " to " + nationalId);
        }
        credentialAudit.record(AuditAction.DELEGATION_REVOKED, actor, mailbox, "nationalId=" + nationalId);
    }

}
