package fr.mssante.ejb.identity;

import fr.mssante.connector.api.Settings;
import fr.mssante.ejb.config.Durations;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Which app password a (mailbox, secret) pair was last verified against, for a short while: Dovecot's
 * auth cache for our Argon2id hashes (ADR 0035). Argon2id costs tens of milliseconds of CPU on purpose
 * (memory-hard against offline guessing); a client that logs in again with the same secret a few
 * seconds later (a phone polling, a second connection of Thunderbird) need not pay it again.
 *
 * <p>What is kept is never the secret: the key is an HMAC-SHA256, under a random key drawn at start on
 * each node and never written anywhere, of the address and the secret; the value is the id of the app
 * password row that matched. A remembered pair only spares the hash: the caller still reads the
 * mailbox's active app passwords at every login and accepts the remembered id only if it is among them,
 * so a revoked app password fails its very next login on every node of the cluster without any
 * invalidation message. Only successes are remembered: a wrong secret always pays the full Argon2id.
 *
 * <p>Settings: {@code mssante.auth.cache-ttl} ({@code MSSANTE_AUTH_CACHE_TTL}, default {@code 5m}:
 * longer than the polling interval of most mobile clients, far shorter than Dovecot's one hour; {@code 0} turns
 * the cache off) and {@code mssante.auth.cache-size} ({@code MSSANTE_AUTH_CACHE_SIZE}, default 50,000 pairs,
 * a few MiB; when full, expired pairs are dropped and new ones are not remembered until there
 * is room again, so a flood of distinct logins costs memory bounded by the size). Read when the
 * application starts: an invalid value fails the deployment, naming the setting.
 *
 * <p>One per node (a singleton without container locking: the map is concurrent).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class VerifiedCredentials {

    static final String TTL_PROPERTY = "mssante.auth.cache-ttl";
    static final String SIZE_PROPERTY = "mssante.auth.cache-size";
    private static final String DEFAULT_TTL = "5m";
    private static final int DEFAULT_SIZE = 50_000;
    private static final String ALGORITHM = "HmacSHA256";
    /** How long a login waits for a concurrent check of the same pair before checking for itself. */
    static final Duration SHARED_WAIT = Duration.ofSeconds(5);

    private record Remembered(String appPasswordId, long expiresAtNanos) {
    }

    private final Map<ByteBuffer, Remembered> pairs = new ConcurrentHashMap<>();
    /** The checks running now, by pair. */
    private final Map<ByteBuffer, CompletableFuture<Optional<String>>> checking = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxSize;
    private final LongSupplier nanoClock;
    private final SecretKeySpec key;

    /** @throws IllegalStateException naming the setting when a value is invalid */
    public VerifiedCredentials() {
        this(ttl(Settings.configured(TTL_PROPERTY)), size(Settings.configured(SIZE_PROPERTY)), System::nanoTime);
    }

    VerifiedCredentials(Duration ttl, int maxSize, LongSupplier nanoClock) {
        this.ttlNanos = ttl.toNanos();
        this.maxSize = maxSize;
        this.nanoClock = nanoClock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    static Duration ttl(String configured) {
        if (configured == null || configured.isBlank()) {
            return Durations.parse(DEFAULT_TTL, TTL_PROPERTY);
        }
        return configured.strip().matches("0+[smhd]?") ? Duration.ZERO : Durations.parse(configured, TTL_PROPERTY);
    }

    static int size(String configured) {
        if (configured == null || configured.isBlank()) {
            return DEFAULT_SIZE;
        }
        try {
            int size = Integer.parseInt(configured.strip());
            if (size > 0) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below with the setting's name
        }
        throw new IllegalStateException(SIZE_PROPERTY + " (or " + Settings.environmentName(SIZE_PROPERTY) + ") must be a positive number of entries, not '"
                + configured + "'");
    }

    boolean enabled() {
        return ttlNanos > 0;
    }

    /** The app password this pair matched less than the TTL ago, if any. */
    public Optional<String> recall(String address, String secret) {
        if (!enabled()) {
            return Optional.empty();
        }
        ByteBuffer pair = pair(address, secret);
        Remembered remembered = pairs.get(pair);
        if (remembered == null) {
            return Optional.empty();
        }
        if (nanoClock.getAsLong() - remembered.expiresAtNanos() >= 0) {
            pairs.remove(pair, remembered);
            return Optional.empty();
        }
        return Optional.of(remembered.appPasswordId());
    }

    /**
     * Runs {@code check} (Argon2id against the active app passwords; it returns the id that matched) for a
     * pair not remembered, and remembers a success. At most one check per pair runs at a time on this
     * node: a login that arrives while the same pair is being checked (a client opening several
     * connections at once, all missing together when the entry expires) waits up to {@link #SHARED_WAIT}
     * for that check and takes its success instead of hashing again. A failure is never shared: the
     * waiter then checks for itself, so concurrent guesses cost the guesser what they always did. The
     * caller still accepts a shared id only if it is among the app passwords it read itself.
     */
    public Optional<String> checkOnce(String address, String secret, Supplier<Optional<String>> check) {
        if (!enabled()) {
            return check.get();
        }
        ByteBuffer pair = pair(address, secret);
        CompletableFuture<Optional<String>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<String>> running = checking.putIfAbsent(pair, mine);
        if (running != null) {
            Optional<String> shared = await(running);
            return shared.isPresent() ? shared : check.get();
        }
        Optional<String> result = Optional.empty();
        try {
            result = check.get();
            result.ifPresent(id -> remember(pair, id));
            return result;
        } finally {
            checking.remove(pair, mine);
            mine.complete(result);
        }
    }

    private static Optional<String> await(CompletableFuture<Optional<String>> running) {
        try {
            return running.get(SHARED_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void remember(ByteBuffer pair, String appPasswordId) {
        long now = nanoClock.getAsLong();
        if (pairs.size() >= maxSize) {
            pairs.values().removeIf(r -> now - r.expiresAtNanos() >= 0);
            if (pairs.size() >= maxSize) {
                return;
            }
        }
        pairs.put(pair, new Remembered(appPasswordId, now + ttlNanos));
    }

    int size() {
        return pairs.size();
    }

    private ByteBuffer pair(String address, String secret) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(address.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            // A separator no address contains, so that (a, bc) and (ab, c) never share a key.
            mac.update((byte) 0);
            return ByteBuffer.wrap(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

}
