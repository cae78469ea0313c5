package fr.mssante.ejb.tenant;

import java.util.Objects;
import java.util.UUID;

/**
 * Whose rows the current transaction may touch, as PostgreSQL row-level security enforces it (ADR 0011):
 * one establishment ({@link #tenant}), every establishment for the operator's staff ({@link #operator}),
 * or every establishment for one named piece of the mail system ({@link #system}). No scope at all means
 * no tenant row: that is the default of every transaction.
 */
public record TenantScope(Kind kind, UUID tenantId, String reason) {

    public enum Kind {
        TENANT("tenant"), OPERATOR("operator"), SYSTEM("system");

        /** The value of the {@code mssante.scope} setting the policies read. */
        final String setting;

        Kind(String setting) {
            this.setting = setting;
        }
    }

    public TenantScope {
        Objects.requireNonNull(kind);
        if ((kind == Kind.TENANT) != (tenantId != null)) {
            throw new IllegalArgumentException("a tenant id goes with the tenant scope only");
        }
        if (kind == Kind.SYSTEM && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a system scope says why it needs every establishment");
        }
    }

    public static TenantScope tenant(UUID tenantId) {
        return new TenantScope(Kind.TENANT, Objects.requireNonNull(tenantId), null);
    }

    /** An operator administrator's API call: every establishment, by role. */
    public static TenantScope operator() {
        return new TenantScope(Kind.OPERATOR, null, null);
    }

    /** Part of the mail system that must cross establishments; the reason shows in logs and ADR 0011. */
    public static TenantScope system(String reason) {
        return new TenantScope(Kind.SYSTEM, null, reason);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case TENANT -> "tenant " + tenantId;
            case OPERATOR -> "operator";
            case SYSTEM -> "system (" + reason + ")";
        };
    }
}
