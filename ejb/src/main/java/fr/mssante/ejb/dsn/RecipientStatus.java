package fr.mssante.ejb.dsn;

import fr.mssante.connector.api.smtp.DsnParameters.Notify;

import java.time.OffsetDateTime;
import java.util.Set;

/**
 * What happened to one recipient, as a per-recipient block of an RFC 3464 report (section 2.3).
 *
 * <p>The record carries the recipient's NOTIFY so that the decision "does the sender want to hear about
 * this?" is taken in one place, by {@link #wanted()}, rather than by every caller (relay, delivery,
 * expiry): a caller only has to copy {@code IntakeMessage.dsnOf(recipient).notifyOn()}.
 *
 * @param finalRecipient    the address we tried ({@code rfc822;} implied)
 * @param originalRecipient ORCPT as received ({@code addr-type;address}, address decoded from xtext), null
 *                          when not given
 * @param notifyOn          the recipient's NOTIFY keywords (RFC 3461 section 4.1); empty when NOTIFY was not
 *                          given
 * @param action            section 2.3.3
 * @param status            RFC 3463 enhanced status, e.g. {@code 5.1.1}, {@code 4.4.1}, {@code 2.0.0}
 * @param remoteMta         the host that answered, null when none did (section 2.3.5)
 * @param diagnosticCode    the remote reply as {@code smtp; 550 5.1.1 ...}, or null (section 2.3.6)
 * @param lastAttempt       time of the last attempt, null if none (section 2.3.7)
 * @param willRetryUntil    for {@link Action#DELAYED}: when we give up (section 2.3.8), else null
 */
public record RecipientStatus(String finalRecipient, String originalRecipient, Set<Notify> notifyOn, Action action,
                              String status, String remoteMta, String diagnosticCode, OffsetDateTime lastAttempt,
                              OffsetDateTime willRetryUntil) {

    public RecipientStatus {
        notifyOn = Set.copyOf(notifyOn);
    }

    /** RFC 3464 section 2.3.3. */
    public enum Action { FAILED, DELAYED, DELIVERED, RELAYED, EXPANDED }

    /**
     * Whether the sender asked for a notice of this event (RFC 3461 section 4.1): NEVER asks for none;
     * without NOTIFY we send failure and delay notices (the "FAILURE,DELAY" default the RFC allows);
     * SUCCESS covers delivered, relayed (to a place that sends no DSN, section 5.2.2) and expanded.
     */
    public boolean wanted() {
        if (notifyOn.contains(Notify.NEVER)) {
            return false;
        }
        return switch (action) {
            case FAILED -> notifyOn.isEmpty() || notifyOn.contains(Notify.FAILURE);
            case DELAYED -> notifyOn.isEmpty() || notifyOn.contains(Notify.DELAY);
            case DELIVERED, RELAYED, EXPANDED -> notifyOn.contains(Notify.SUCCESS);
        };
    }
}
