package fr.mssante.ejb.tenant;

import java.util.UUID;

/**
 * Which establishments' data a platform-wide query (audit, trace, dashboard) may return: all of them for
 * the operator, one for a tenant administrator. Built by the API's tenant guard from the caller's
 * token, never from request parameters.
 */
public final class TenantScope {

    private static final TenantScope ALL = new TenantScope(null);
    /** A tenant administrator whose FINESS is not hosted here: a tenant id that no row carries. */
    private static final TenantScope NOTHING = new TenantScope(new UUID(0, 0));

    private final UUID tenantId;

    private TenantScope(UUID tenantId) {
        this.tenantId = tenantId;
    }

    public static TenantScope all() {
        return ALL;
    }

    public static TenantScope nothing() {
        return NOTHING;
    }

    public static TenantScope of(UUID tenantId) {
        return new TenantScope(tenantId);
    }

    public boolean isAll() {
        return tenantId == null;
    }

    /** The one tenant; only when not {@link #isAll()}. */
    public UUID tenantId() {
        if (tenantId == null) {
            throw new IllegalStateException("an all-tenants scope has no single tenant");
        }
        return tenantId;
    }
}
