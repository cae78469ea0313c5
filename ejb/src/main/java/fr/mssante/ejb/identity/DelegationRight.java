package fr.mssante.ejb.identity;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/** What a delegation lets a professional do with a mailbox they do not own (ADR 0013). */
public enum DelegationRight {
    /** Open the mailbox over IMAP, every folder read-only (SELECT answers {@code [READ-ONLY]}, RFC 3501 6.3.1). */
    READ,
    /** Change it too: flags, APPEND, COPY/MOVE into it, EXPUNGE, folders. Implies {@link #READ}. */
    READ_WRITE,
    /** Use its address as MAIL FROM on submission (RFC 6409 section 6.1: the server checks the sender). */
    SEND_AS;

    /** The owner of a mailbox may do everything. */
    public static final Set<DelegationRight> ALL = Set.copyOf(EnumSet.allOf(DelegationRight.class));

    /** The rights as stored: READ_WRITE always carries READ, so "may read" is one test. */
    public static Set<DelegationRight> normalised(Collection<DelegationRight> rights) {
        EnumSet<DelegationRight> set = rights.isEmpty() ? EnumSet.noneOf(DelegationRight.class) : EnumSet.copyOf(rights);
        if (set.contains(READ_WRITE)) {
            set.add(READ);
        }
        return Set.copyOf(set);
    }
}
