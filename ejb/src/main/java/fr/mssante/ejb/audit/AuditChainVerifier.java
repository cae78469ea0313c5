package fr.mssante.ejb.audit;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.stream.Stream;

/**
 * Verifies the audit trail's hash chain from the table, e.g. after a restore (docs/operations/backup.md).
 * It must read every event, so its caller runs in the operator scope (ADR 0011): in a tenant scope the
 * other establishments' events are invisible and the chain would look broken.
 */
@Stateless
public class AuditChainVerifier {

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    public AuditChainVerification verify() {
        AuditChainCheck check = new AuditChainCheck();
        Stream<AuditEvent> events = em.createQuery("SELECT e FROM AuditEvent e ORDER BY e.id", AuditEvent.class)
                .setHint("org.hibernate.fetchSize", 500).setHint("org.hibernate.readOnly", true).getResultStream();
        try (events) {
            events.forEach(e -> {
                check.accept(e.getId(), e.prevHash(), e.hash(), e.record());
                em.detach(e);
            });
        }
        return check.result();
    }
}
