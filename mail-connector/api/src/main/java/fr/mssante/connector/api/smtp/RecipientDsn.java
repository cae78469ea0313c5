package fr.mssante.connector.api.smtp;

import java.util.Optional;
import java.util.Set;

/**
 * NOTIFY and ORCPT of one RCPT TO (RFC 3461 sections 4.1 and 4.2).
 *
 * @param notifyOn the NOTIFY keywords; empty when NOTIFY was not given (then FAILURE and DELAY apply, 4.1)
 * @param orcpt  ORCPT as {@code addr-type;address} with the address decoded from xtext
 *               (e.g. {@code rfc822;dr.martin@example.fr}), if given
 */
public record RecipientDsn(Set<DsnParameters.Notify> notifyOn, Optional<String> orcpt) {

    public static final RecipientDsn NONE = new RecipientDsn(Set.of(), Optional.empty());

    public RecipientDsn {
        notifyOn = Set.copyOf(notifyOn);
    }
}
