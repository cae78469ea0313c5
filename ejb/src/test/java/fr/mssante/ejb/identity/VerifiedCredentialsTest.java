package fr.mssante.ejb.identity;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
        cache.checkOnce("dr.martin@hopital.fr", "abcde-fghij", () -> Optional.of("id-1"));

        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertEquals(Optional.of("id-1"), cache.recall("DR.Martin@hopital.fr", "abcde-fghij"));

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(Optional.empty(), cache.recall("dr.martin@hopital.fr", "abcde-fghij"));
        assertEquals(0, cache.size(), "an expired pair is dropped when met");
    }

    @Test
    void anotherSecretOrAnotherMailboxIsNotRecalled() {
        VerifiedCredentials cache = cache(Duration.ofSeconds(60), 10);
        cache.checkOnce("a@hopital.fr", "secret", () -> Optional.of("id-1"));

        assertEquals(Optional.empty(), cache.recall("a@hopital.fr", "Secret"));
        assertEquals(Optional.empty(), cache.recall("b@hopital.fr", "secret"));
        // The address and the secret are separated in the MAC: moving characters across does not match.
        cache.checkOnce("ab", "c", () -> Optional.of("id-2"));
        assertEquals(Optional.empty(), cache.recall("a", "bc"));
    }

    @Test
    void aFullCacheDropsExpiredPairsAndOtherwiseRemembersNothingNew() {
        VerifiedCredentials cache = cache(Duration.ofSeconds(60), 2);
        cache.checkOnce("a@h.fr", "1", () -> Optional.of("id-a"));
        cache.checkOnce("b@h.fr", "2", () -> Optional.of("id-b"));
        cache.checkOnce("c@h.fr", "3", () -> Optional.of("id-c"));
        assertEquals(Optional.empty(), cache.recall("c@h.fr", "3"));
        assertEquals(Optional.of("id-a"), cache.recall("a@h.fr", "1"));

        now.addAndGet(Duration.ofSeconds(61).toNanos());
        cache.checkOnce("c@h.fr", "3", () -> Optional.of("id-c"));
        assertEquals(Optional.of("id-c"), cache.recall("c@h.fr", "3"));
        assertEquals(1, cache.size());
    }

    @Test
    void aZeroTtlTurnsTheCacheOff() {
        VerifiedCredentials cache = cache(VerifiedCredentials.ttl("0"), 10);
        cache.checkOnce("a@h.fr", "1", () -> Optional.of("id-a"));
        assertFalse(cache.enabled());
        assertEquals(Optional.empty(), cache.recall("a@h.fr", "1"));
        assertEquals(0, cache.size());
    }

    @Test
    void settingsDefaultToOneMinuteAndTenThousandPairsAndInvalidOnesNameTheSetting() {
        assertEquals(Duration.ofMinutes(5), VerifiedCredentials.ttl(null));
        assertEquals(Duration.ofMinutes(2), VerifiedCredentials.ttl("2m"));
        assertEquals(Duration.ZERO, VerifiedCredentials.ttl("0s"));
        assertEquals(50_000, VerifiedCredentials.size(" "));
        assertEquals(500, VerifiedCredentials.size("500"));

        IllegalStateException ttl = assertThrows(IllegalStateException.class, () -> VerifiedCredentials.ttl("soon"));
        assertTrue(ttl.getMessage().contains("mssante.auth.cache-ttl"), ttl.getMessage());
        IllegalStateException size = assertThrows(IllegalStateException.class, () -> VerifiedCredentials.size("-1"));
        assertTrue(size.getMessage().contains("mssante.auth.cache-size"), size.getMessage());
        assertTrue(size.getMessage().contains("MSSANTE_AUTH_CACHE_SIZE"), size.getMessage());
    }

    @Test
    void aLoginArrivingDuringTheSamePairsCheckTakesItsSuccessInsteadOfHashingAgain() throws Exception {
        VerifiedCredentials cache = cache(Duration.ofSeconds(60), 10);
        CountDownLatch hashing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger checks = new AtomicInteger();
        CompletableFuture<Optional<String>> first = CompletableFuture.supplyAsync(() -> cache.checkOnce("a@h.fr", "s", () -> {
            checks.incrementAndGet();
            hashing.countDown();
            await(release);
            return Optional.of("id-a");
        }));
        assertTrue(hashing.await(5, TimeUnit.SECONDS));
        CompletableFuture<Optional<String>> second = CompletableFuture.supplyAsync(() -> cache.checkOnce("a@h.fr", "s", () -> {
            checks.incrementAndGet();
            return Optional.of("id-a");
        }));
        Thread.sleep(500); // the second login is waiting by now
        release.countDown();

        assertEquals(Optional.of("id-a"), first.get(5, TimeUnit.SECONDS));
        assertEquals(Optional.of("id-a"), second.get(5, TimeUnit.SECONDS));
        assertEquals(1, checks.get(), "one Argon2id for both");
    }

    @Test
    void aFailureIsNeitherRememberedNorShared() throws Exception {
        VerifiedCredentials cache = cache(Duration.ofSeconds(60), 10);
        CountDownLatch hashing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger checks = new AtomicInteger();
        CompletableFuture<Optional<String>> first = CompletableFuture.supplyAsync(() -> cache.checkOnce("a@h.fr", "guess", () -> {
            checks.incrementAndGet();
            hashing.countDown();
            await(release);
            return Optional.empty();
        }));
        assertTrue(hashing.await(5, TimeUnit.SECONDS));
        CompletableFuture<Optional<String>> second = CompletableFuture.supplyAsync(() -> cache.checkOnce("a@h.fr", "guess", () -> {
            checks.incrementAndGet();
            return Optional.empty();
        }));
        Thread.sleep(500); // the second login is waiting by now
        release.countDown();

        assertEquals(Optional.empty(), first.get(5, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), second.get(5, TimeUnit.SECONDS));
        assertEquals(2, checks.get(), "the waiter hashed for itself");
        assertEquals(Optional.empty(), cache.recall("a@h.fr", "guess"));
        assertEquals(0, cache.size());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
