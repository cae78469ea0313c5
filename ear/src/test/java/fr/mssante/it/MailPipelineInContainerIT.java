package fr.mssante.it;

import fr.mssante.connector.api.smtp.SmtpReply;
import fr.mssante.ejb.delivery.DeliveryService;
import fr.mssante.ejb.intake.IntakeService;
import fr.mssante.ejb.mailbox.FolderAppender;
import fr.mssante.ejb.mailbox.MailboxService;
import fr.mssante.ejb.tenant.CanonicalAddress;
import fr.mssante.ejb.mailbox.MailboxType;
import fr.mssante.ejb.mailbox.NewMailbox;
import fr.mssante.ejb.tenant.ScopeContext;
import fr.mssante.ejb.tenant.TenantScope;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.transaction.UserTransaction;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs inside WildFly, next to the deployed EAR: the transactions of the mail pipeline as the
 * container really runs them (JTA: PostgreSQL as last resource + Artemis XA).
 */
@ExtendWith(ArquillianExtension.class)
class MailPipelineInContainerIT {

    private static final String DOMAIN = "hopital-demo.mssante.fr";
    private static final String EJB = InContainer.EJB;

    @Deployment
    static WebArchive deployment() {
        return InContainer.war("mail-pipeline-test.war", MailPipelineInContainerIT.class);
    }

    @EJB(lookup = EJB + "IntakeService")
    private IntakeService intake;

    @EJB(lookup = EJB + "DeliveryService")
    private DeliveryService delivery;

    @EJB(lookup = EJB + "MailboxService")
    private MailboxService mailboxes;

    @EJB(lookup = EJB + "FolderAppender")
    private FolderAppender appender;

    /** Checks read as the owner of the tables, beside row-level security: what is stored, whoever owns it. */
    @Resource(lookup = "java:jboss/datasources/MssanteMigrationDS")
    private DataSource dataSource;

    @Resource(lookup = "java:jboss/UserTransaction")
    private UserTransaction tx;

    @Test
    void a_rolled_back_intake_leaves_nothing_stored_and_nothing_queued() throws Exception {
        String address = newMailbox();
        tx.begin();
        SmtpReply reply = intake.accept(TestMessages.envelope("test-session", address), TestMessages.content("rollback " + UUID.randomUUID()));
        String queueId = reply.text().replaceAll(".*queued as ", "");
        tx.rollback();

        Thread.sleep(2000); // a delivery request that escaped the rollback would be consumed by now
        assertEquals(0, count("SELECT count(*) FROM intake_message WHERE queue_id = ?", queueId));
        assertEquals(0, inboxSize(address));
    }

    @Test
    void a_committed_intake_is_delivered_once_even_when_delivery_is_repeated() throws Exception {
        String address = newMailbox();
        SmtpReply reply = intake.accept(TestMessages.envelope("test-session", address), TestMessages.content("commit " + UUID.randomUUID()));
        assertEquals(250, reply.code());
        String queueId = reply.text().replaceAll(".*queued as ", "");
        awaitInbox(address, 1);

        UUID intakeId = UUID.fromString(single("SELECT id::text FROM intake_message WHERE queue_id = ?", queueId));
        // What a JMS redelivery does, here twice in one batch (a takeover's copy beside the original request).
        delivery.deliver(List.of(intakeId, intakeId));
        assertEquals(1, inboxSize(address));
        assertEquals("DELIVERED", single("SELECT status FROM intake_message WHERE queue_id = ?", queueId));
    }

    @Test
    void concurrent_appends_to_one_folder_get_unique_ascending_uids() throws Exception {
        String address = newMailbox();
        intake.accept(TestMessages.envelope("test-session", address), TestMessages.content("seed " + UUID.randomUUID()));
        awaitInbox(address, 1);
        String blob = single("SELECT m.blob_sha256 FROM message m JOIN folder f ON f.id = m.folder_id "
                + "JOIN mailbox b ON b.id = f.mailbox_id WHERE b.address = ?", address);
        UUID archive = UUID.fromString(single("SELECT f.id::text FROM folder f JOIN mailbox b ON b.id = f.mailbox_id "
                + "WHERE b.address = ? AND f.name = 'Archive'", address));

        int threads = 8;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(pool.submit((Callable<List<Long>>) () -> {
                List<Long> uids = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    uids.add(asOperator(() -> appender.append(archive, blob, null, OffsetDateTime.now(), 100, List.of("\\Seen")))
                            .orElseThrow());
                }
                return uids;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : results) {
            List<Long> uids = f.get();
            for (int i = 1; i < uids.size(); i++) {
                assertTrue(uids.get(i) > uids.get(i - 1), "UIDs seen by one writer increase");
            }
            all.addAll(uids);
        }
        pool.shutdown();
        assertEquals(threads * perThread, all.stream().distinct().count(), "no UID given twice");
        assertEquals(threads * perThread, count("SELECT count(*) FROM message WHERE folder_id = ?::uuid", archive.toString()));
        assertEquals(threads * perThread + 1L,
                count("SELECT uid_next FROM folder WHERE id = ?::uuid", archive.toString()));
    }

    private String newMailbox() {
        String address = "incontainer-" + UUID.randomUUID().toString().substring(0, 8) + "@" + DOMAIN;
        asOperator(() -> mailboxes.create(CanonicalAddress.parse(address, "address"), new NewMailbox(address, MailboxType.ORG, null, null, null)));
        return address;
    }

    private void awaitInbox(String address, int size) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (inboxSize(address) < size && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(size, inboxSize(address));
    }

    private long inboxSize(String address) throws Exception {
        return count("SELECT count(*) FROM message m JOIN folder f ON f.id = m.folder_id "
                + "JOIN mailbox b ON b.id = f.mailbox_id WHERE b.address = ? AND f.name = 'INBOX'", address);
    }

    private long count(String sql, String parameter) throws Exception {
        return Long.parseLong(single(sql, parameter));
    }

    private String single(String sql, String parameter) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, parameter);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : "0";
            }
        }
    }

    /** Set-up as the operator would do it over the API (ADR 0011: services see no tenant row without a scope). */
    private static <T> T asOperator(Supplier<T> work) {
        return ScopeContext.call(TenantScope.operator(), work);
    }
}
