package fr.mssante.ejb.tenant;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@link TenantScope} of the work the current thread does, for {@link TenantScopeInterceptor} to
 * apply to each transaction. Local EJB calls run on the caller's thread, so the scope an MDB or the
 * web layer sets here reaches every service it calls. Always set for a bounded block, restored after:
 * pooled threads never carry a scope to the next request or message.
 */
public final class ScopeContext {

    private static final ThreadLocal<TenantScope> CURRENT = new ThreadLocal<>();

    private ScopeContext() {
    }

    public static Optional<TenantScope> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** A scope entered for a block; closing it restores the scope that was current before. */
    public interface Entered extends AutoCloseable {
        @Override
        void close();
    }

    /** Enters {@code scope} (null: none, no tenant rows) until the returned handle is closed. */
    public static Entered enter(TenantScope scope) {
        TenantScope previous = CURRENT.get();
        set(scope);
        return () -> set(previous);
    }

    /**
     * Runs {@code work} in {@code scope}. The scope reaches the database at the next EJB call, so
     * {@code work} starts with one (a look-up, a service).
     */
    public static <T> T call(TenantScope scope, Supplier<T> work) {
        try (Entered ignored = enter(scope)) {
            return work.get();
        }
    }

    public static void run(TenantScope scope, Runnable work) {
        try (Entered ignored = enter(scope)) {
            work.run();
        }
    }

    private static void set(TenantScope scope) {
        if (scope == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(scope);
        }
    }
}
