package fr.mssante.ejb.dsn;

import java.time.OffsetDateTime;

/**
 * What happened to one recipient, as a per-recipient block of an RFC 3464 report (section 2.3).
 *
 * @param finalRecipient    the address we tried ({@code rfc822;} implied)
 * @param originalRecipient ORCPT as received ({@code addr-type;address}), null when not given
 * @param action            section 2.3.3
 * @param status            RFC 3463 enhanced status, e.g. {@code 5.1.1}, {@code 4.4.1}, {@code 2.0.0}
 * @param remoteMta         the host that answered, null when none did (section 2.3.5)
 * @param diagnosticCode    the remote reply as {@code smtp; 550 5.1.1 ...}, or null (section 2.3.6)
 * @param lastAttempt       time of the last attempt, null if none (section 2.3.7)
 * @param willRetryUntil    for {@link Action#DELAYED}: when we give up (section 2.3.8), else null
 */
public record RecipientStatus(String finalRecipient, String originalRecipient, Action action, String status,
                              String remoteMta, String diagnosticCode, OffsetDateTime lastAttempt,
                              OffsetDateTime willRetryUntil) {

    /** RFC 3464 section 2.3.3. */
    public enum Action { FAILED, DELAYED, DELIVERED, RELAYED, EXPANDED }
}
