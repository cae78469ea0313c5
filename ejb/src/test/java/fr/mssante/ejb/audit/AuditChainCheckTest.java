package fr.mssante.ejb.audit;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AuditChainCheckTest {

    /** A stored row: what the table gives back. */
    private record Row(long id, byte[] prev, byte[] hash, AuditRecord record) {
    }

    private static AuditRecord record(int n) {
        return new AuditRecord(OffsetDateTime.of(2026, 12, 4, 3, 0, n, 123_456_789, ZoneOffset.ofHours(1)),
                n % 2 == 0 ? null : UUID.nameUUIDFromBytes(new byte[]{(byte) n}), "smtp:192.0.2." + n,
                AuditAction.values()[n % AuditAction.values().length], "Q" + n, "<m" + n + "@example.org>",
                List.of("a" + n + "@hopital-demo.mssante.fr"), "OK", "details " + n);
    }

    /** Rows chained as AuditTrail.appendAll chains them. */
    private static List<Row> trail(int size) {
        List<Row> rows = new ArrayList<>();
        byte[] prev = AuditTrail.GENESIS;
        for (int n = 1; n <= size; n++) {
            AuditRecord r = record(n);
            byte[] hash = AuditTrail.chain(prev, r);
            rows.add(new Row(n, prev, hash, r));
            prev = hash;
        }
        return rows;
    }

    private static AuditChainVerification verify(List<Row> rows) {
        AuditChainCheck check = new AuditChainCheck();
        rows.forEach(r -> check.accept(r.id(), r.prev(), r.hash(), r.record()));
        return check.result();
    }

    @Test
    void an_untouched_trail_verifies() {
        assertThat(verify(trail(5))).isEqualTo(new AuditChainVerification(5, true, null, null));
    }

    @Test
    void an_empty_trail_verifies() {
        assertThat(verify(List.of())).isEqualTo(new AuditChainVerification(0, true, null, null));
    }

    @Test
    void an_altered_event_breaks_the_chain_there() {
        List<Row> rows = trail(5);
        Row third = rows.get(2);
        AuditRecord r = third.record();
        rows.set(2, new Row(3, third.prev(), third.hash(), new AuditRecord(r.occurredAt(), r.tenantId(), r.actor(),
                r.action(), r.queueId(), r.messageId(), r.recipients(), "FAILED", r.details())));
        AuditChainVerification result = verify(rows);
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenEvent()).isEqualTo(3L);
        assertThat(result.problem()).contains("does not match its content");
        assertThat(result.events()).isEqualTo(5);
    }

    @Test
    void a_removed_event_breaks_the_chain_at_the_next_one() {
        List<Row> rows = trail(5);
        rows.remove(1);
        AuditChainVerification result = verify(rows);
        assertThat(result.firstBrokenEvent()).isEqualTo(3L);
        assertThat(result.problem()).contains("previous hash");
    }

    @Test
    void the_hash_covers_what_the_timestamptz_column_keeps() {
        AuditRecord withNanos = record(1);
        AuditRecord asStored = new AuditRecord(withNanos.occurredAt().withNano(123_456_000)
                .withOffsetSameInstant(ZoneOffset.UTC), withNanos.tenantId(), withNanos.actor(), withNanos.action(),
                withNanos.queueId(), withNanos.messageId(), withNanos.recipients(), withNanos.outcome(),
                withNanos.details());
        assertThat(AuditTrail.chain(AuditTrail.GENESIS, asStored))
                .isEqualTo(AuditTrail.chain(AuditTrail.GENESIS, withNanos));
    }
}
