package fr.mssante.ejb.intake;

import fr.mssante.connector.api.smtp.InMemoryContent;
import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.MessageContent;
import fr.mssante.connector.api.smtp.SmtpEnvelope;
import fr.mssante.connector.api.smtp.SmtpMessage;
import fr.mssante.connector.api.smtp.SmtpReply;
import fr.mssante.connector.api.smtp.SmtpSessionInfo;
import fr.mssante.ejb.audit.AuditAction;
import fr.mssante.ejb.audit.AuditPublisher;
import fr.mssante.ejb.audit.AuditRecord;
import fr.mssante.ejb.metrics.MailFlowMeters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** ADR 0037: a group of messages is one transaction with one audit publish and one 250 per message, in order. */
class IntakeServiceAcceptAllTest {

    private final List<List<AuditRecord>> published = new ArrayList<>();
    private final List<String> counted = new ArrayList<>();
    private int queued;

    private final IntakeService intake = new IntakeService() {
        @Override
        public IntakeMessage enqueue(SmtpEnvelope envelope, MessageContent content) {
            queued++;
            return new IntakeMessage("Q" + queued, OffsetDateTime.now(), envelope.session(),
                    envelope.reversePath().map(MailAddress::address).orElse(null),
                    envelope.recipients().stream().map(MailAddress::address).toList(), "0".repeat(64), content.size());
        }
    };

    @BeforeEach
    void wire() throws ReflectiveOperationException {
        inject("audit", new AuditPublisher() {
            @Override
            public void publishAll(List<AuditRecord> records) {
                published.add(List.copyOf(records));
            }
        });
        inject("meters", new MailFlowMeters() {
            @Override
            public void accepted(String service) {
                counted.add(service);
            }
        });
    }

    @Test
    void aGroupGetsOneReplyPerMessageInOrderOneAuditPublishAndOneCountPerMessage() {
        List<SmtpReply> replies = intake.acceptAll(List.of(message("mx", "a"), message("submission", "b"),
                message("mx", "c")));

        assertThat(replies).extracting(SmtpReply::code).containsExactly(250, 250, 250);
        assertThat(replies).extracting(reply -> reply.lines().get(0))
                .containsExactly("Ok: queued as Q1", "Ok: queued as Q2", "Ok: queued as Q3");
        assertThat(published).as("one publish for the whole group").hasSize(1);
        assertThat(published.get(0)).extracting(AuditRecord::action).containsOnly(AuditAction.SMTP_ACCEPTED);
        assertThat(published.get(0)).extracting(AuditRecord::queueId).containsExactly("Q1", "Q2", "Q3");
        assertThat(published.get(0)).extracting(AuditRecord::details).containsExactly(
                "from=<a@peer.example> size=8 service=mx", "from=<b@peer.example> size=8 service=submission",
                "from=<c@peer.example> size=8 service=mx");
        assertThat(counted).containsExactly("mx", "submission", "mx");
    }

    @Test
    void acceptIsAGroupOfOne() {
        SmtpMessage only = message("mx", "a");

        SmtpReply reply = intake.accept(only.envelope(), only.content());

        assertThat(reply.code()).isEqualTo(250);
        assertThat(published).hasSize(1);
        assertThat(published.get(0)).extracting(AuditRecord::recipients)
                .containsExactly(List.of("dr.durand@hopital-demo.mssante.fr"));
    }

    private static SmtpMessage message(String service, String sender) {
        SmtpSessionInfo session = new SmtpSessionInfo("s1", "192.0.2.7", "mx.peer.example", service, true, null,
                "TLSv1.3", "TLS_AES_128_GCM_SHA256");
        SmtpEnvelope envelope = new SmtpEnvelope(session, Optional.of(new MailAddress(sender, "peer.example")),
                List.of(new MailAddress("dr.durand", "hopital-demo.mssante.fr")), "8BITMIME", -1);
        return new SmtpMessage(envelope, new InMemoryContent("x\r\n\r\ny\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    private void inject(String field, Object value) throws ReflectiveOperationException {
        Field f = IntakeService.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(intake, value);
    }
}
