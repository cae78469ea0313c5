package fr.mssante.ejb.identity;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifiedCredentialsTest {

    private final AtomicLong now = new AtomicLong(1_000);

    private VerifiedCredentials cache(Duration ttl, int size) {
        return new VerifiedCredentials(ttl, size, now::get);
    }

    @Test
    void remembersAVerifiedPairUntilTheTtlEnds() {
        VerifiedCredentials cache = cache(Duration.ofSeconds(60), 10);
        cache.remember("dr.martin@hopital.fr", "abcde-fghij", "id-1");

        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertEquals(Optional.of("id-1"), cache.recall("DR.Martin@hopital.fr", "abcde-fghij"));

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(Optional.empty(), cache.recall("dr.martin@hopital.fr", "abcde-fghij"));
        assertEquals(0, cache.size(), "an expired pair is dropped when met");
    }

    @Test
    void anotherSecretOrAnotherMailboxIsNotRecalled() {
        VerifiedCredentials cache = cache(Duration.ofSeconds(60), 10);
        cache.remember("a@hopital.fr", "secret", "id-1");

        assertEquals(Optional.empty(), cache.recall("a@hopital.fr", "Secret"));
        assertEquals(Optional.empty(), cache.recall("b@hopital.fr", "secret"));
        // The address and the secret are separated in the MAC: moving characters across does not match.
        cache.remember("ab", "c", "id-2");
        assertEquals(Optional.empty(), cache.recall("a", "bc"));
    }

    @Test
    void aFullCacheDropsExpiredPairsAndOtherwiseRemembersNothingNew() {
        VerifiedCredentials cache = cache(Duration.ofSeconds(60), 2);
        cache.remember("a@h.fr", "1", "id-a");
        cache.remember("b@h.fr", "2", "id-b");
        cache.remember("c@h.fr", "3", "id-c");
        assertEquals(Optional.empty(), cache.recall("c@h.fr", "3"));
        assertEquals(Optional.of("id-a"), cache.recall("a@h.fr", "1"));

        now.addAndGet(Duration.ofSeconds(61).toNanos());
        cache.remember("c@h.fr", "3", "id-c");
        assertEquals(Optional.of("id-c"), cache.recall("c@h.fr", "3"));
        assertEquals(1, cache.size());
    }

    @Test
    void aZeroTtlTurnsTheCacheOff() {
        VerifiedCredentials cache = cache(VerifiedCredentials.ttl("0"), 10);
        cache.remember("a@h.fr", "1", "id-a");
        assertFalse(cache.enabled());
        assertEquals(Optional.empty(), cache.recall("a@h.fr", "1"));
        assertEquals(0, cache.size());
    }

    @Test
    void settingsDefaultToOneMinuteAndTenThousandPairsAndInvalidOnesNameTheSetting() {
        assertEquals(Duration.ofSeconds(60), VerifiedCredentials.ttl(null));
        assertEquals(Duration.ofMinutes(2), VerifiedCredentials.ttl("2m"));
        assertEquals(Duration.ZERO, VerifiedCredentials.ttl("0s"));
        assertEquals(10_000, VerifiedCredentials.size(" "));
        assertEquals(500, VerifiedCredentials.size("500"));

        IllegalStateException ttl = assertThrows(IllegalStateException.class, () -> VerifiedCredentials.ttl("soon"));
        assertTrue(ttl.getMessage().contains("mssante.auth.cache-ttl"), ttl.getMessage());
        IllegalStateException size = assertThrows(IllegalStateException.class, () -> VerifiedCredentials.size("-1"));
        assertTrue(size.getMessage().contains("mssante.auth.cache-size"), size.getMessage());
        assertTrue(size.getMessage().contains("MSSANTE_AUTH_CACHE_SIZE"), size.getMessage());
    }
}
