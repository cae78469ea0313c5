package fr.mssante.ejb.audit;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/** Appends events to the hash-chained audit table. */
@Stateless
public class AuditTrail {

    /** Advisory lock key serialising appends, so that the chain has no forks. */
    private static final long CHAIN_LOCK = 0x4d5353_41554449L;
    /** The previous hash of the first event. */
    static final byte[] GENESIS = new byte[32];

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    /** Appends the events in order, under one chain lock: each is chained to the one before it. */
    public void appendAll(List<AuditRecord> records) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, CHAIN_LOCK).getSingleResult();
        List<?> last = em.createNativeQuery("SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1").getResultList();
        byte[] prev = last.isEmpty() ? GENESIS : (byte[]) last.get(0);
        for (AuditRecord record : records) {
            byte[] hash = chain(prev, record);
            em.persist(new AuditEvent(record, prev, hash));
            prev = hash;
        }
    }

    static byte[] chain(byte[] prev, AuditRecord record) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(prev);
            digest.update(record.canonicalBytes());
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }
}
