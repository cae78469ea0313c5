package fr.mssante.ejb.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Conversions of native-query column values, whose Java types depend on the JDBC driver path. */
public final class NativeColumns {

    private NativeColumns() {
    }

    /** A {@code timestamptz} column: OffsetDateTime, Instant or Timestamp depending on Hibernate's mapping. */
    public static OffsetDateTime timestamp(Object column) {
        if (column == null) {
            return null;
        }
        if (column instanceof OffsetDateTime d) {
            return d;
        }
        if (column instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (column instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected timestamp column type " + column.getClass());
    }
}
