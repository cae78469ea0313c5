package fr.mssante.ejb.tenant;

import java.util.Optional;
import java.util.concurrent.Callable;
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

    /** Runs {@code work} in {@code scope}; a null scope means none (no tenant rows). */
    public static <T> T call(TenantScope scope, Supplier<T> work) {
        TenantScope previous = CURRENT.get();
        set(scope);
        try {
            return work.get();
        } finally {
            set(previous);
        }
    }

    public static void run(TenantScope scope, Runnable work) {
        call(scope, () -> {
            work.run();
            return null;
        });
    }

    /** For interceptors and filters, whose work throws checked exceptions. */
    public static <T> T callChecked(TenantScope scope, Callable<T> work) throws Exception {
        TenantScope previous = CURRENT.get();
        set(scope);
        try {
            return work.call();
        } finally {
            set(previous);
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
