package fr.mssante.connector.api.smtp;

import java.util.Map;
import java.util.Optional;

/**
 * The Delivery Status Notification parameters of one mail transaction (RFC 3461): RET and ENVID from
 * MAIL FROM (section 4.3, 4.4), NOTIFY and ORCPT from each RCPT TO (section 4.1, 4.2), already decoded
 * from xtext. Absent parameters are empty: the sender did not ask, and the defaults of RFC 3461 apply
 * (failure and, at the MTA's discretion, delay notices; headers-or-full return at the MTA's discretion).
 *
 * @param ret        RET=FULL or RET=HDRS, if given
 * @param envid      ENVID, decoded, if given
 * @param recipients per recipient {@link MailAddress#address()}: its NOTIFY / ORCPT (only recipients that gave one)
 */
public record DsnParameters(Optional<Ret> ret, Optional<String> envid, Map<String, RecipientDsn> recipients) {

    /** No DSN parameter at all. */
    public static final DsnParameters NONE = new DsnParameters(Optional.empty(), Optional.empty(), Map.of());

    public DsnParameters {
        recipients = Map.copyOf(recipients);
    }

    /** RFC 3461 section 4.3: what a failure notice returns of the message. */
    public enum Ret { FULL, HDRS }

    /** RFC 3461 section 4.1. NEVER is exclusive of the others (checked by the parser). */
    public enum Notify { NEVER, SUCCESS, FAILURE, DELAY }

    /** The recipient's parameters; {@link RecipientDsn#NONE} when it gave none. */
    public RecipientDsn recipient(MailAddress address) {
        return recipients.getOrDefault(address.address(), RecipientDsn.NONE);
    }
}
