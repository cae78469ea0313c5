package fr.mssante.ejb.identity;

import java.util.Locale;
import java.util.Optional;

/**
 * Who a mail session (IMAP or submission) acts as: a mailbox, and, when the client opened a mailbox
 * delegated to it (a token with the mailbox as SASL authorization identity, RFC 4422 section 2), the
 * delegate's national id, so that every later call can apply the delegation's rights (ADR 0013).
 *
 * <p>The resource adapter only carries the principal as an opaque string ({@code AuthOutcome.user}):
 * a mailbox address for the owner's sessions, unchanged from before, and
 * {@code <address>#delegate=<national id>} for a delegate's. A domain never contains {@code #}, so
 * the two forms cannot be confused.
 */
public record SessionPrincipal(String address, String delegateNationalId) {

    private static final String DELEGATE = "#delegate=";

    public static SessionPrincipal owner(String address) {
        return new SessionPrincipal(address, null);
    }

    public static SessionPrincipal delegate(String address, String nationalId) {
        return new SessionPrincipal(address, nationalId);
    }

    public static SessionPrincipal parse(String principal) {
        int mark = principal.indexOf(DELEGATE);
        return mark < 0 ? owner(principal.toLowerCase(Locale.ROOT))
                : delegate(principal.substring(0, mark).toLowerCase(Locale.ROOT), principal.substring(mark + DELEGATE.length()));
    }

    public Optional<String> delegate() {
        return Optional.ofNullable(delegateNationalId);
    }

    /** The string handed to the resource adapter, and back in every call. */
    public String encode() {
        return delegateNationalId == null ? address : address + DELEGATE + delegateNationalId;
    }
}
