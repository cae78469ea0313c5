package fr.mssante.it;

import fr.mssante.ejb.mailbox.Mailbox;
import fr.mssante.ejb.mailbox.MailboxService;
import fr.mssante.ejb.tenant.ScopeContext;
import fr.mssante.ejb.tenant.TenantLookups;
import fr.mssante.ejb.tenant.TenantScope;
import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inside WildFly: the services' transactions run in the scope of the current call, applied by the
 * default interceptor to the application role's connection (ADR 0011). No scope, no tenant row.
 */
@ExtendWith(ArquillianExtension.class)
class TenantScopeInContainerIT {

    private static final String EJB = InContainer.EJB;
    private static final String A_MAILBOX = "dr.martin@hopital-demo.mssante.fr";
    private static final String B_MAILBOX = "accueil@clinique-autre.mssante.fr";

    @Deployment
    static WebArchive deployment() {
        return InContainer.war("tenant-scope-test.war", TenantScopeInContainerIT.class);
    }

    @EJB(lookup = EJB + "MailboxService")
    private MailboxService mailboxes;

    @EJB(lookup = EJB + "TenantLookups")
    private TenantLookups lookups;

    @Test
    void without_a_scope_a_service_finds_no_tenant_row() {
        assertTrue(mailboxes.find(A_MAILBOX).isEmpty());
        assertTrue(mailboxes.find(B_MAILBOX).isEmpty());
    }

    @Test
    void in_a_tenant_scope_a_service_finds_that_tenant_s_rows_only_and_the_scope_ends_with_the_block() {
        UUID a = lookups.tenantOfFiness("750000001").orElseThrow();
        Optional<Mailbox> own = ScopeContext.call(TenantScope.tenant(a), () -> mailboxes.find(A_MAILBOX));
        Optional<Mailbox> other = ScopeContext.call(TenantScope.tenant(a), () -> mailboxes.find(B_MAILBOX));
        assertEquals(a, own.orElseThrow().getTenantId());
        assertTrue(other.isEmpty(), "a mailbox of another establishment");
        assertTrue(mailboxes.find(A_MAILBOX).isEmpty(), "no scope left behind on this thread");
    }

    @Test
    void the_operator_scope_sees_every_establishment() {
        ScopeContext.run(TenantScope.operator(), () -> {
            assertTrue(mailboxes.find(A_MAILBOX).isPresent());
            assertTrue(mailboxes.find(B_MAILBOX).isPresent());
        });
    }
}
