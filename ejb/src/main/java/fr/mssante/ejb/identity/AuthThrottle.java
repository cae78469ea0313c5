package fr.mssante.ejb.identity;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Counts failed authentications per account and per client address in the database, so every node of
 * the cluster sees the same counts: past {@link ThrottleSettings#delayAfter()} failures replies come
 * late, past the lock thresholds the key is refused without checking credentials until the
 * cooling-off period ends. A success clears the account's count, not the address's.
 */
@Stateless
public class AuthThrottle {

    private static final ThrottleSettings SETTINGS = ThrottleSettings.fromSystemProperties();

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    /** Whether the account or the client address is in its cooling-off period. */
    public boolean locked(String account, String clientAddress) {
        List<String> keys = keys(account, clientAddress);
        return !em.createNativeQuery("SELECT key FROM auth_failure WHERE key IN (:keys) AND locked_until > now()")
                .setParameter("keys", keys).getResultList().isEmpty();
    }

    /** Records a failure; returns how long to wait before answering it. */
    public Duration recordFailure(String account, String clientAddress) {
        int accountFailures = account == null ? 0 : count(accountKey(account), SETTINGS.accountLockAfter());
        count(ipKey(clientAddress), SETTINGS.ipLockAfter());
        return SETTINGS.delayFor(accountFailures);
    }

    public void recordSuccess(String account) {
        if (account != null) {
            em.createNativeQuery("DELETE FROM auth_failure WHERE key = ?1 AND (locked_until IS NULL OR locked_until < now())")
                    .setParameter(1, accountKey(account)).executeUpdate();
        }
    }

    /**
     * Forgets the keys whose window and lock are over. Guessing with random account names would
     * otherwise leave one row per name forever; every node runs this, which is harmless.
     *
     * @return how many keys were forgotten
     */
    @Schedule(hour = "*", minute = "*/5", persistent = false)
    public int purgeExpired() {
        return em.createNativeQuery("DELETE FROM auth_failure WHERE window_start < now() - make_interval(secs => ?1) "
                        + "AND (locked_until IS NULL OR locked_until < now())")
                .setParameter(1, SETTINGS.window().toSeconds()).executeUpdate();
    }

    /** Adds one failure to the key's window (a new window once the old one and any lock are over). */
    private int count(String key, int lockAfter) {
        Number failures = (Number) em.createNativeQuery("""
                        INSERT INTO auth_failure AS f (key, failures, window_start) VALUES (?1, 1, now())
                        ON CONFLICT (key) DO UPDATE SET
                          failures = CASE WHEN f.window_start < now() - make_interval(secs => ?2)
                                           AND (f.locked_until IS NULL OR f.locked_until < now())
                                          THEN 1 ELSE f.failures + 1 END,
                          window_start = CASE WHEN f.window_start < now() - make_interval(secs => ?2)
                                               AND (f.locked_until IS NULL OR f.locked_until < now())
                                              THEN now() ELSE f.window_start END
                        RETURNING f.failures""")
                .setParameter(1, key).setParameter(2, SETTINGS.window().toSeconds()).getSingleResult();
        if (failures.intValue() >= lockAfter) {
            em.createNativeQuery("UPDATE auth_failure SET locked_until = now() + make_interval(secs => ?2) WHERE key = ?1")
                    .setParameter(1, key).setParameter(2, SETTINGS.lockDuration().toSeconds()).executeUpdate();
        }
        return failures.intValue();
    }

    private static List<String> keys(String account, String clientAddress) {
        List<String> keys = new ArrayList<>(2);
        keys.add(ipKey(clientAddress));
        if (account != null) {
            keys.add(accountKey(account));
        }
        return keys;
    }

    private static String accountKey(String account) {
        return "account:" + account.toLowerCase(Locale.ROOT);
    }

    private static String ipKey(String clientAddress) {
        return "ip:" + clientAddress;
    }
}
