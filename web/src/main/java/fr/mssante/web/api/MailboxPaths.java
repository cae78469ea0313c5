package fr.mssante.web.api;

import fr.mssante.ejb.tenant.CanonicalAddress;
import fr.mssante.web.security.TenantGuard;

/** The mailbox a path names, for the resources nested under {@code /api/v1/mailboxes/{address}}. */
final class MailboxPaths {

    private MailboxPaths() {
    }

    /**
     * Canonical, once the caller may see it: the one place where request text becomes something an
     * authorisation decision can trust; another establishment's mailbox is the same 404 as a missing one.
     */
    static CanonicalAddress owned(String pathSegment, TenantGuard guard) {
        CanonicalAddress address = CanonicalAddress.parse(pathSegment, "address");
        guard.requireMailbox(address);
        return address;
    }
}
