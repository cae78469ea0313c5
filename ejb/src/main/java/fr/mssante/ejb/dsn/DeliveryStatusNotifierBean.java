package fr.mssante.ejb.dsn;

import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.InMemoryContent;
import fr.mssante.connector.api.smtp.SmtpEnvelope;
import fr.mssante.connector.api.smtp.SmtpSessionInfo;
import fr.mssante.ejb.audit.AuditAction;
import fr.mssante.ejb.audit.AuditPublisher;
import fr.mssante.ejb.intake.IntakeMessage;
import fr.mssante.ejb.intake.IntakeService;
import fr.mssante.ejb.mailbox.BlobStore;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Sends RFC 3464 reports through the ordinary pipeline: the report is stored and queued like a message
 * received with the null reverse-path ({@code MAIL FROM:<>}, RFC 5321 section 4.5.5, so that a report about
 * a report can never be produced), for one recipient, the original sender. Delivery then puts it in a
 * hosted sender's INBOX or relays it back to the sender's operator.
 *
 * <p>NOTIFY filtering is done here, from the NOTIFY that every {@link RecipientStatus} carries
 * ({@link RecipientStatus#wanted()}): callers report every event and need not know RFC 3461 section 4.1.
 * Runs in the caller's transaction (container default REQUIRED): the report is queued if and only if the
 * state change that caused it commits.
 *
 * <p>A startup singleton (like {@code MxSenderPolicy}) so that an invalid {@code mssante.dsn.max-returned-bytes}
 * fails the deployment, not the first report; it keeps no state beyond its settings, hence no container lock.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DeliveryStatusNotifierBean implements DeliveryStatusNotifier {

    /** The {@code service} of the intake rows of reports: they came from no SMTP listener. */
    static final String SERVICE = "dsn";
    private static final String ACTOR = "system:dsn";
    private static final Logger LOG = Logger.getLogger(DeliveryStatusNotifierBean.class.getName());

    private final DsnSettings settings = DsnSettings.fromSystemProperties();

    @EJB
    private BlobStore blobs;

    @EJB
    private IntakeService intake;

    @EJB
    private AuditPublisher audit;

    @Override
    public void send(DeliveryReport report) {
        if (report.originalSender() == null || report.originalSender().isBlank()) {
            // RFC 3461 section 6.2, RFC 5321 section 4.5.5: never a report about a message from <>.
            return;
        }
        List<RecipientStatus> wanted = report.recipients().stream().filter(RecipientStatus::wanted).toList();
        if (wanted.isEmpty()) {
            return;
        }
        DeliveryReport filtered = new DeliveryReport(report.queueId(), report.envid(), report.returnFullMessage(),
                report.originalSender(), report.blobSha256(), report.arrivalDate(), wanted);
        String hostname = hostname();
        ReturnedContent returned = ReturnedContent.of(
                blobs.readPrefix(report.blobSha256(), settings.maxReturnedBytes() + 1),
                report.returnFullMessage(), settings.maxReturnedBytes());
        byte[] bytes = DeliveryReportMessage.build(filtered, returned, hostname,
                ZonedDateTime.now(ZoneId.systemDefault()), "<" + UUID.randomUUID() + "@" + hostname + ">");

        IntakeMessage queued = intake.enqueue(envelope(report.originalSender(), hostname, report.queueId()),
                new InMemoryContent(bytes));
        NoticeKind kind = NoticeKind.of(wanted);
        audit.publish(AuditAction.DSN_SENT, ACTOR, null, queued.getQueueId(), null,
                List.of(report.originalSender()), "OK", "kind=" + kind.name().toLowerCase(Locale.ROOT) + " original="
                        + report.queueId() + " about=" + wanted.stream().map(RecipientStatus::finalRecipient).toList());
        LOG.info(() -> "DSN " + queued.getQueueId() + " (" + kind + ") to <" + report.originalSender()
                + "> about " + report.queueId());
    }

    /**
     * The envelope of a report: {@code MAIL FROM:<>}, one recipient, no DSN parameters (a report requests no
     * report), and a session that says where it came from: this host, service {@value #SERVICE}.
     */
    private static SmtpEnvelope envelope(String originalSender, String hostname, String aboutQueueId) {
        SmtpSessionInfo session = new SmtpSessionInfo("dsn-" + aboutQueueId, "127.0.0.1", hostname, SERVICE,
                false, null, null, null);
        return new SmtpEnvelope(session, Optional.empty(), List.of(MailAddress.parse(originalSender)),
                "8BITMIME", -1);
    }

    private static String hostname() {
        return System.getProperty("mssante.hostname", "localhost");
    }
}
