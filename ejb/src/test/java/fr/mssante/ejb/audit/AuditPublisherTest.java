package fr.mssante.ejb.audit;

import fr.mssante.ejb.jms.InMemoryMapMessage;
import jakarta.jms.MapMessage;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AuditPublisherTest {

    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 4, 9, 30, 1, 123_456_000, ZoneOffset.UTC);

    @Test
    void a_batch_of_events_travels_in_one_message_and_comes_back_in_order() throws Exception {
        List<AuditRecord> batch = List.of(
                new AuditRecord(AT, UUID.randomUUID(), "system:delivery", AuditAction.DELIVERED, "Q1", "<m1@x>",
                        List.of("a@hopital.fr"), "OK", "INBOX uid=7"),
                new AuditRecord(AT.plusNanos(1000), null, "system:delivery", AuditAction.DELIVERY_FAILED, "Q2", null,
                        List.of("b@hopital.fr"), "FAILED", "mailbox suspended"),
                new AuditRecord(AT, UUID.randomUUID(), "system:delivery", AuditAction.DELIVERED, "Q2", "<m2@x>",
                        List.of(), "OK", null));
        MapMessage m = InMemoryMapMessage.create();

        AuditPublisher.encodeAll(batch, m);

        assertThat(AuditPublisher.decodeAll(m)).containsExactlyElementsOf(batch);
    }

    @Test
    void a_single_event_message_of_the_previous_format_is_still_read() throws Exception {
        MapMessage m = InMemoryMapMessage.create();
        m.setString("occurredAt", AT.toString());
        m.setString("actor", "smtp:127.0.0.1");
        m.setString("action", AuditAction.SMTP_ACCEPTED.name());
        m.setString("queueId", "Q9");
        m.setString("recipients", "a@hopital.fr\nb@hopital.fr");
        m.setString("outcome", "OK");

        assertThat(AuditPublisher.decodeAll(m)).containsExactly(new AuditRecord(AT, null, "smtp:127.0.0.1",
                AuditAction.SMTP_ACCEPTED, "Q9", null, List.of("a@hopital.fr", "b@hopital.fr"), "OK", null));
    }
}
