package fr.mssante.it;

import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.MessageContent;
import fr.mssante.connector.api.smtp.SmtpEnvelope;
import fr.mssante.connector.api.smtp.SmtpSessionInfo;
import fr.mssante.ejb.intake.IntakeService;
import fr.mssante.ejb.mailbox.MailboxException;
import fr.mssante.ejb.mailbox.MailboxLifecycle;
import fr.mssante.ejb.mailbox.MailboxPurge;
import fr.mssante.ejb.mailbox.MailboxService;
import fr.mssante.ejb.mailbox.MailboxStatus;
import fr.mssante.ejb.mailbox.MailboxType;
import fr.mssante.ejb.mailbox.NewMailbox;
import fr.mssante.ejb.tenant.CanonicalAddress;
import fr.mssante.ejb.tenant.ScopeContext;
import fr.mssante.ejb.tenant.TenantScope;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.util.function.Supplier;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The purge of closed mailboxes (ADR 0012) on PostgreSQL: nothing happens before the retention date;
 * after it the content goes, the row stays as a CLOSED tombstone, and it cannot be reactivated.
 */
@ExtendWith(ArquillianExtension.class)
class MailboxPurgeInContainerIT {

    private static final String DOMAIN = "hopital-demo.mssante.fr";
    private static final String EJB = InContainer.EJB;
    private static final String ACTOR = "system:purge-test";

    @Deployment
    static WebArchive deployment() {
        return InContainer.war("purge-test.war", MailboxPurgeInContainerIT.class);
    }

    @EJB(lookup = EJB + "IntakeService")
    private IntakeService intake;

    @EJB(lookup = EJB + "MailboxService")
    private MailboxService mailboxes;

    @EJB(lookup = EJB + "MailboxLifecycle")
    private MailboxLifecycle lifecycle;

    @EJB(lookup = EJB + "MailboxPurge")
    private MailboxPurge purge;

    /** Stored rows are checked as the tables' owner, whom row-level security does not restrict. */
    @Resource(lookup = "java:jboss/datasources/MssanteMigrationDS")
    private DataSource dataSource;

    @Test
    void a_closed_mailbox_is_emptied_after_its_retention_and_kept_as_a_tombstone() throws Exception {
        String address = "purge-" + UUID.randomUUID().toString().substring(0, 8) + "@" + DOMAIN;
        CanonicalAddress canonical = CanonicalAddress.parse(address, "address");
        asOperator(() -> mailboxes.create(canonical, new NewMailbox(address, MailboxType.ORG, null, null, null)));
        assertEquals(250, intake.accept(envelope(address), content()).code());
        awaitMessages(address, 1);

        asOperator(() -> lifecycle.change(canonical, MailboxStatus.CLOSED, "test", ACTOR));
        // The timer's own path: no caller scope, the purge sets its system scope itself.
        purge.purgeDue();
        assertEquals(1, messages(address), "kept until the retention date");

        update("UPDATE mailbox SET purge_after = now() - interval '1 minute' WHERE address = ?", address);
        purge.purgeDue();
        assertEquals(0, messages(address));
        assertEquals(MailboxStatus.CLOSED, asOperator(() -> mailboxes.get(canonical)).status());
        assertNull(asOperator(() -> mailboxes.get(canonical)).purgeAfter(), "purged: no purge date left to show");
        assertNotNull(asOperator(() -> mailboxes.find(address)).orElseThrow().getPurgedAt());
        MailboxException refused = assertThrows(MailboxException.class,
                () -> asOperator(() -> lifecycle.change(canonical, MailboxStatus.ACTIVE, null, ACTOR)));
        assertEquals(MailboxException.Reason.CONFLICT, refused.reason());
    }

    private static SmtpEnvelope envelope(String to) {
        return new SmtpEnvelope(new SmtpSessionInfo("purge-session", "127.0.0.1", "test.local", "mx", false, null),
                Optional.of(MailAddress.parse("sender@clinique.mssante.fr")), List.of(MailAddress.parse(to)),
                "8BITMIME", -1);
    }

    private static MessageContent content() {
        byte[] bytes = "From: sender@clinique.mssante.fr\r\nSubject: purge\r\n\r\nBonjour\r\n".getBytes(StandardCharsets.UTF_8);
        return new MessageContent() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public InputStream openStream() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }

    private void awaitMessages(String address, long count) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (messages(address) < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(count, messages(address));
    }

    private long messages(String address) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT count(*) FROM message m JOIN folder f ON f.id = m.folder_id JOIN mailbox b ON b.id = f.mailbox_id "
                        + "WHERE b.address = ?")) {
            q.setString(1, address);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void update(String sql, String parameter) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, parameter);
            q.executeUpdate();
        }
    }

    private static <T> T asOperator(Supplier<T> work) {
        return ScopeContext.call(TenantScope.operator(), work);
    }
}
