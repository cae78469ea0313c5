package fr.mssante.ejb.identity;

import fr.mssante.ejb.audit.AuditAction;
import fr.mssante.ejb.mailbox.Mailbox;
import fr.mssante.ejb.mailbox.MailboxException;
import fr.mssante.ejb.mailbox.MailboxService;
import fr.mssante.ejb.mailbox.MailboxType;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;

/**
 * Which mailboxes a professional, known by national id, may use: the ones they own and the ones
 * delegated to them. Closed mailboxes are nobody's.
 */
@Stateless
public class MailboxAccess {

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    @EJB
    private MailboxService mailboxes;

    @EJB
    private CredentialAudit credentialAudit;

    /**
     * Across establishments (a practitioner may work in several), through the narrow SECURITY DEFINER
     * function {@code mailbox_grants_of} of V4: whatever the transaction's scope, it answers for this
     * national id only, which callers take from a verified token.
     */
    public List<MailboxGrant> grantsOf(String nationalId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT address, type, display_name, access FROM mailbox_grants_of(?1)")
                .setParameter(1, nationalId).getResultList();
        return rows.stream().map(r -> new MailboxGrant((String) r[0], MailboxType.valueOf((String) r[1]),
                (String) r[2], MailboxGrant.Access.valueOf((String) r[3]))).toList();
    }

    /** The grant of that mailbox to that professional, if any. */
    public Optional<MailboxGrant> grant(String nationalId, String address) {
        if (nationalId == null || address == null) {
            return Optional.empty();
        }
        String canonical = address.strip().toLowerCase(java.util.Locale.ROOT);
        return grantsOf(nationalId).stream().filter(g -> g.address().equals(canonical)).findFirst();
    }

    /** Lets a professional use a mailbox they do not own (an ORG mailbox's staff, a replacement). */
    public void delegate(String address, String nationalId, String actor) {
        Mailbox mailbox = mailboxes.find(address).orElseThrow(() -> new MailboxException(
                MailboxException.Reason.NOT_FOUND, "no mailbox " + address));
        if (nationalId == null || nationalId.isBlank()) {
            throw new MailboxException(MailboxException.Reason.INVALID, "a delegation needs a national id");
        }
        em.createNativeQuery("INSERT INTO mailbox_delegation (mailbox_id, tenant_id, national_id) VALUES (?1, ?2, ?3) "
                        + "ON CONFLICT DO NOTHING")
                .setParameter(1, mailbox.getId()).setParameter(2, mailbox.getTenantId())
                .setParameter(3, nationalId.strip()).executeUpdate();
        credentialAudit.record(AuditAction.DELEGATION_GRANTED, actor, mailbox, "nationalId=" + nationalId.strip());
    }
}
