package fr.mssante.ejb.mailbox.imap;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class MailboxTenantsTest {

    private final AtomicLong now = new AtomicLong();
    private final MailboxTenants tenants = new MailboxTenants(now::get);
    private final List<String> lookups = new ArrayList<>();
    private final UUID tenant = UUID.randomUUID();

    private Optional<UUID> lookup(String address) {
        lookups.add(address);
        return address.startsWith("unknown") ? Optional.empty() : Optional.of(tenant);
    }

    @Test
    void aKnownMailboxIsLookedUpOncePerTtlWhateverItsCase() {
        assertThat(tenants.tenantOf("Dr.Martin@hopital.fr", this::lookup)).contains(tenant);
        assertThat(tenants.tenantOf("dr.martin@hopital.fr ", this::lookup)).contains(tenant);
        assertThat(lookups).containsExactly("dr.martin@hopital.fr");

        now.addAndGet(MailboxTenants.TTL.toNanos());
        assertThat(tenants.tenantOf("dr.martin@hopital.fr", this::lookup)).contains(tenant);
        assertThat(lookups).hasSize(2);
    }

    @Test
    void anUnknownMailboxIsAskedAgainEveryTime() {
        assertThat(tenants.tenantOf("unknown@hopital.fr", this::lookup)).isEmpty();
        assertThat(tenants.tenantOf("unknown@hopital.fr", this::lookup)).isEmpty();
        assertThat(lookups).hasSize(2);
    }
}
