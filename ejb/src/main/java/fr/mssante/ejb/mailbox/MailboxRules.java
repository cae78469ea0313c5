package fr.mssante.ejb.mailbox;

import fr.mssante.ejb.tenant.CanonicalAddress;
import fr.mssante.ejb.tenant.InvalidFieldException;

import java.util.ArrayList;
import java.util.List;

/**
 * What a new mailbox must satisfy before the database is asked anything: the one check shared by
 * {@code POST /api/v1/mailboxes} and every line of a CSV import. MSSanté rules: a PER mailbox belongs
 * to one professional (their national id), an ORG mailbox may name the professionals who own it, an
 * APP mailbox belongs to software.
 */
public final class MailboxRules {

    private MailboxRules() {
    }

    /** Every field at fault, in field order; empty when the request is acceptable. */
    public static List<InvalidFieldException> violations(NewMailbox r) {
        List<InvalidFieldException> found = new ArrayList<>();
        check(found, () -> CanonicalAddress.parse(r.address(), "address"));
        if (r.type() == null) {
            found.add(new InvalidFieldException("type", "type is required (PER, ORG or APP)"));
        }
        if (r.type() == MailboxType.PER) {
            check(found, () -> NationalId.parse(r.ownerNationalId(), "ownerNationalId"));
        } else if (r.ownerNationalId() != null && !r.ownerNationalId().isEmpty()) {
            found.add(new InvalidFieldException("ownerNationalId", "only a PER mailbox has an owner national id"));
        }
        if (r.owners() != null && !r.owners().isEmpty()) {
            if (r.type() != MailboxType.ORG) {
                found.add(new InvalidFieldException("owners", "only an ORG mailbox has owners"));
            } else {
                found.addAll(ownerViolations(r.owners()));
            }
        }
        if (r.quotaBytes() != null && r.quotaBytes() <= 0) {
            found.add(new InvalidFieldException("quotaBytes", "must be positive"));
        }
        return found;
    }

    /** Checks the owners of an ORG mailbox, naming the element at fault ({@code owners[2]}). */
    public static List<InvalidFieldException> ownerViolations(List<String> owners) {
        List<InvalidFieldException> found = new ArrayList<>();
        for (int i = 0; i < owners.size(); i++) {
            String owner = owners.get(i);
            String field = "owners[" + i + "]";
            check(found, () -> NationalId.parse(owner, field));
        }
        return found;
    }

    /** Throws the first violation, for callers that answer one field at a time. */
    public static void require(List<InvalidFieldException> violations) {
        if (!violations.isEmpty()) {
            throw violations.get(0);
        }
    }

    private static void check(List<InvalidFieldException> found, Runnable parse) {
        try {
            parse.run();
        } catch (InvalidFieldException e) {
            found.add(e);
        }
    }
}
