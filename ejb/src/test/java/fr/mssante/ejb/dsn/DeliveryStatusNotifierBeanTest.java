package fr.mssante.ejb.dsn;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mssante.connector.api.smtp.DsnParameters.Notify;
import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.MessageContent;
import fr.mssante.connector.api.smtp.SmtpEnvelope;
import fr.mssante.connector.api.smtp.SmtpSessionInfo;
import fr.mssante.ejb.audit.AuditAction;
import fr.mssante.ejb.audit.AuditPublisher;
import fr.mssante.ejb.dsn.RecipientStatus.Action;
import fr.mssante.ejb.intake.IntakeMessage;
import fr.mssante.ejb.intake.IntakeService;
import fr.mssante.ejb.mailbox.BlobStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** What the notifier hands to the pipeline, and when it sends nothing (RFC 3461 sections 4.1 and 6.2). */
class DeliveryStatusNotifierBeanTest {

    record Enqueued(SmtpEnvelope envelope, byte[] bytes) {
    }

    final List<Enqueued> enqueued = new ArrayList<>();
    final List<AuditAction> audited = new ArrayList<>();
    final DeliveryStatusNotifierBean notifier = new DeliveryStatusNotifierBean();

    @BeforeEach
    void wire() throws ReflectiveOperationException {
        inject("blobs", new BlobStore() {
            @Override
            public byte[] readPrefix(String sha256, int maxBytes) {
                byte[] all = DeliveryReportMessageTest.ORIGINAL.getBytes(StandardCharsets.US_ASCII);
                return Arrays.copyOf(all, Math.min(all.length, maxBytes));
            }
        });
        inject("intake", new IntakeService() {
            @Override
            public IntakeMessage enqueue(SmtpEnvelope envelope, MessageContent content) {
                try (InputStream in = content.openStream()) {
                    enqueued.add(new Enqueued(envelope, in.readAllBytes()));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
                return new IntakeMessage("DSNQUEUEID000001", OffsetDateTime.now(), envelope.session(), null,
                        List.of(envelope.recipients().get(0).address()), "0".repeat(64), content.size());
            }
        });
        inject("audit", new AuditPublisher() {
            @Override
            public void publish(AuditAction action, String actor, UUID tenantId, String queueId, String messageId,
                                List<String> recipients, String outcome, String details) {
                audited.add(action);
            }
        });
    }

    private void inject(String field, Object value) throws ReflectiveOperationException {
        Field f = DeliveryStatusNotifierBean.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(notifier, value);
    }

    static RecipientStatus recipient(String address, Action action, Notify... notify) {
        return new RecipientStatus(address, null, Set.of(notify), action, action == Action.FAILED ? "5.1.1" : "2.0.0",
                null, null, null, null);
    }

    static DeliveryReport from(String sender, RecipientStatus... recipients) {
        return new DeliveryReport("Q1", null, false, sender, "0".repeat(64), DeliveryReportMessageTest.ARRIVAL,
                List.of(recipients));
    }

    @Test
    void aFailureIsQueuedFromTheNullReversePathToTheOriginalSender() {
        notifier.send(from("dr.martin@hopital-demo.mssante.fr", recipient("x@clinique.mssante.fr", Action.FAILED)));

        assertThat(enqueued).hasSize(1);
        SmtpEnvelope envelope = enqueued.get(0).envelope();
        assertThat(envelope.reversePath()).isEmpty();
        assertThat(envelope.recipients()).containsExactly(MailAddress.parse("dr.martin@hopital-demo.mssante.fr"));
        assertThat(envelope.dsn().ret()).isEmpty();
        assertThat(envelope.dsn().recipients()).isEmpty();
        SmtpSessionInfo session = envelope.session();
        assertThat(session.service()).isEqualTo("dsn");
        assertThat(session.authenticatedUser()).isNull();
        ParsedReport parsed = ParsedReport.parse(enqueued.get(0).bytes());
        assertThat(parsed.message().getMimeType()).isEqualTo("multipart/report");
        assertThat(parsed.parts().get(2).getMimeType()).isEqualTo("text/rfc822-headers");
        assertThat(audited).containsExactly(AuditAction.DSN_SENT);
    }

    @Test
    void neverAReportToTheNullSender() {
        notifier.send(from(null, recipient("x@clinique.mssante.fr", Action.FAILED)));
        notifier.send(from("", recipient("x@clinique.mssante.fr", Action.FAILED)));

        assertThat(enqueued).isEmpty();
        assertThat(audited).isEmpty();
    }

    @Test
    void onlyTheRecipientsWhoseNotifyAsksForTheEventAreReported() {
        notifier.send(from("dr.martin@hopital-demo.mssante.fr",
                recipient("never@clinique.mssante.fr", Action.FAILED, Notify.NEVER),
                recipient("success-only@clinique.mssante.fr", Action.FAILED, Notify.SUCCESS),
                recipient("default@clinique.mssante.fr", Action.FAILED),
                recipient("failure@clinique.mssante.fr", Action.FAILED, Notify.FAILURE, Notify.DELAY)));

        List<String> reported = ParsedReport.parse(enqueued.get(0).bytes()).statusGroups().stream().skip(1)
                .map(g -> g.get("final-recipient")).toList();
        assertThat(reported).containsExactly("rfc822;default@clinique.mssante.fr", "rfc822;failure@clinique.mssante.fr");
    }

    @Test
    void nothingIsSentWhenNoRecipientAskedForIt() {
        notifier.send(from("dr.martin@hopital-demo.mssante.fr",
                recipient("never@clinique.mssante.fr", Action.FAILED, Notify.NEVER),
                recipient("default@clinique.mssante.fr", Action.DELIVERED)));

        assertThat(enqueued).isEmpty();
    }

    @Test
    void successIsReportedWhenNotifySuccessAsksForIt() {
        notifier.send(from("dr.martin@hopital-demo.mssante.fr",
                recipient("a@clinique.mssante.fr", Action.DELIVERED, Notify.SUCCESS, Notify.FAILURE)));

        ParsedReport parsed = ParsedReport.parse(enqueued.get(0).bytes());
        assertThat(parsed.message().getSubject()).isEqualTo("Remis / Delivery report");
        assertThat(parsed.statusGroups().get(1)).containsEntry("action", "delivered");
    }
}
