package fr.mssante.ejb.admin;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;

/**
 * First answers to creates that carried an {@code Idempotency-Key}, per caller, for
 * {@value #RETENTION_HOURS} hours: a client that lost the answer (timeout, crash) sends the same
 * request again and gets the same answer instead of a second resource or a 409.
 */
@Stateless
public class IdempotencyStore {

    public static final int RETENTION_HOURS = 24;
    private static final String FRESH = "created_at > now() - CAST('" + RETENTION_HOURS + " hours' AS interval)";

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    /** A stored answer, and the hash of the request that produced it. */
    public record Answer(byte[] requestHash, int status, String location, String body) {
    }

    /** Forgets answers past their retention, hourly on every node (a missed run is the next hour's). */
    @Schedule(hour = "*", minute = "41", persistent = false)
    public void forgetExpired() {
        em.createNativeQuery("DELETE FROM idempotency_key WHERE NOT (" + FRESH + ")").executeUpdate();
    }

    public Optional<Answer> find(String caller, String key) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT request_hash, status, location, body FROM idempotency_key "
                        + "WHERE caller = ?1 AND key = ?2 AND " + FRESH)
                .setParameter(1, caller).setParameter(2, key).getResultList();
        return rows.stream().findFirst().map(r -> new Answer((byte[]) r[0], ((Number) r[1]).intValue(),
                (String) r[2], (String) r[3]));
    }

    /**
     * Keeps the answer, in its own transaction: the create has committed when its answer is written.
     * The first answer wins if two requests with one key raced.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void save(String caller, String key, byte[] requestHash, Answer answer) {
        // An expired answer under this key may still be there until the next clean-up.
        em.createNativeQuery("DELETE FROM idempotency_key WHERE caller = ?1 AND key = ?2 AND NOT (" + FRESH + ")")
                .setParameter(1, caller).setParameter(2, key).executeUpdate();
        em.createNativeQuery("INSERT INTO idempotency_key (caller, key, request_hash, status, location, body) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, requestHash)
                .setParameter(4, answer.status()).setParameter(5, answer.location()).setParameter(6, answer.body())
                .executeUpdate();
    }
}
